import { createEmptyDatabase, type EmptyDatabase } from '../support/empty-database.js';
import { startTestApi } from '../support/test-api.js';

const DEMO_EMAIL = 'creator.active@demo.bio.re';

/**
 * The embedded defaults (migrate on start, demo users with their public password) are for the embedded database:
 * a server DATABASE_URL outside production may name a shared or real database, which start-up leaves alone unless
 * told otherwise.
 */
describe('a server database outside production', () => {
  let database: EmptyDatabase;

  beforeEach(async () => {
    database = await createEmptyDatabase();
  });
  afterEach(() => database?.drop());

  async function tableExists(table: string): Promise<boolean> {
    const [row] = await database.prisma.$queryRaw<Array<{ found: string | null }>>`
      SELECT to_regclass(${`public.${table}`})::text AS found`;
    return row?.found != null;
  }

  async function started(env: Record<string, string | undefined>): Promise<void> {
    const api = await startTestApi({ DATABASE_URL: database.url, ...env });
    await api.close();
  }

  it.each([
    ['unset', undefined],
    ['development', 'development'],
    ['test', 'test'],
  ])('with NODE_ENV %s, is neither migrated nor seeded on start', async (_case, nodeEnv) => {
    await started({ NODE_ENV: nodeEnv });
    expect(await tableExists('_prisma_migrations')).toBe(false);
    expect(await tableExists('users')).toBe(false);
  });

  it('is migrated when DATABASE_MIGRATE_ON_START=on asks, still without demo users', async () => {
    await started({ NODE_ENV: 'development', DATABASE_MIGRATE_ON_START: 'on' });
    expect(await tableExists('users')).toBe(true);
    expect(await database.prisma.user.count()).toBe(0);
  });

  it('gets the demo users when DEMO_SEED=on asks', async () => {
    await started({ NODE_ENV: 'development', DATABASE_MIGRATE_ON_START: 'on', DEMO_SEED: 'on' });
    expect(await database.prisma.user.findUnique({ where: { email: DEMO_EMAIL } })).not.toBeNull();
  });
});
