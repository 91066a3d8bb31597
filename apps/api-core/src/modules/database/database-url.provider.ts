import { deployMigrations, type EmbeddedDatabase, startEmbeddedDatabase } from '@biore/database';
import { Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

/** Where the database is: the configured server, or an embedded one started and migrated for this process. */
export abstract class DatabaseUrl {
  abstract readonly value: string;
}

class ServerDatabaseUrl extends DatabaseUrl {
  constructor(readonly value: string) {
    super();
  }
}

class EmbeddedDatabaseUrl extends DatabaseUrl implements OnApplicationShutdown {
  constructor(private readonly database: EmbeddedDatabase) {
    super();
  }
  get value(): string {
    return this.database.url;
  }
  onApplicationShutdown(): Promise<void> {
    return this.database.close();
  }
}

export const databaseUrlProvider: Provider = {
  provide: DatabaseUrl,
  inject: [APP_CONFIG],
  useFactory: async ({ database, environment }: AppConfig): Promise<DatabaseUrl> => {
    if (database.mode === 'server') {
      // Developers get their server migrated on start, like the embedded database; production migrates once,
      // before any instance starts (docker-compose's `migrate` service), never from every replica.
      if (environment === 'development') await deployMigrations(database.url);
      return new ServerDatabaseUrl(database.url);
    }
    const embedded = await startEmbeddedDatabase({ dataDir: database.dataDir });
    try {
      await deployMigrations(embedded.url);
    } catch (error) {
      await embedded.close();
      throw error;
    }
    new Logger('Database').log(
      `No DATABASE_URL: embedded PostgreSQL (PGlite) in ${database.dataDir}, migrated`,
    );
    return new EmbeddedDatabaseUrl(embedded);
  },
};
