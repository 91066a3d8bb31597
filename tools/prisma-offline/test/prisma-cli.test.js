// Runs the real Prisma CLI of the repository against throwaway PostgreSQL databases, with this package standing in
// for the native schema engine. Uses the server of DATABASE_URL when set, else postgresql://postgres@127.0.0.1:5432.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { schemaEngineBinaryPath } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const prismaBin = path.join(repoRoot, 'node_modules/.bin/prisma');
const repoMigrations = path.join(repoRoot, 'prisma/migrations');
const repoSchema = path.join(repoRoot, 'prisma/schema.prisma');

const server = new URL(process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres');

/** @type {string[]} */
const createdDatabases = [];

/** A database name of our own, dropped after the run even if a test fails half-way. */
function uniqueDatabaseName() {
  const name = `prisma_offline_test_${randomBytes(6).toString('hex')}`;
  createdDatabases.push(name);
  return name;
}

/** @param {string} database */
function urlOf(database) {
  const url = new URL(server);
  url.pathname = `/${database}`;
  // The tests work in the default schema.
  url.searchParams.delete('schema');
  return url.href;
}

/**
 * @template T
 * @param {string} database
 * @param {(client: pg.Client) => Promise<T>} work
 * @returns {Promise<T>}
 */
async function withClient(database, work) {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * @param {string} file
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
function run(file, args, env) {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: repoRoot, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/**
 * Runs the repository's Prisma CLI from the repository root, as a developer would.
 * @param {string[]} args
 * @param {{ database: string, env?: Record<string, string> }} options
 */
function prisma(args, { database, env = {} }) {
  return run(prismaBin, args, { DATABASE_URL: urlOf(database), CHECKPOINT_DISABLE: '1', ...env });
}

/** @param {{ code: number, stdout: string, stderr: string }} result */
function output(result) {
  return `exit ${result.code}\n${result.stdout}\n${result.stderr}`;
}

after(async () => {
  await withClient('postgres', async (client) => {
    for (const name of createdDatabases) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

describe('migrate deploy, status and diff with the repository config', () => {
  const database = uniqueDatabaseName();

  test('deploy applies every migration of prisma/migrations to a fresh database', async () => {
    const result = await prisma(['migrate', 'deploy'], { database });
    assert.equal(result.code, 0, output(result));
    assert.match(result.stdout, /All migrations have been successfully applied/);

    const migrationNames = (await readdir(repoMigrations, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const applied = await withClient(database, async (client) => {
      const { rows } = await client.query(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
      );
      return rows.map((row) => row.migration_name);
    });
    assert.deepEqual(applied, migrationNames);
  });

  test('status reports the database up to date', async () => {
    const result = await prisma(['migrate', 'status'], { database });
    assert.equal(result.code, 0, output(result));
    assert.match(result.stdout, /Database schema is up to date!/);
  });

  test('diff from the migrations to the schema is empty (no drift)', async () => {
    const result = await prisma(
      ['migrate', 'diff', '--from-migrations', repoMigrations, '--to-schema', repoSchema, '--exit-code'],
      { database },
    );
    assert.equal(result.code, 0, output(result));
    assert.match(result.stdout, /No difference detected/);
  });
});

describe('a failing migration', () => {
  const database = uniqueDatabaseName();
  /** @type {string} */
  let workDir;
  /** @type {string} */
  let configPath;

  // A copy of the migrations plus two new ones, so prisma/migrations is never touched: the first has a `$$` body
  // with semicolons inside (split on `;` it would not even parse), the second fails half-way.
  before(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'prisma-offline-'));
    const migrations = path.join(workDir, 'migrations');
    await cp(repoMigrations, migrations, { recursive: true });
    await addMigration(
      migrations,
      '29990101000000_function_body',
      'CREATE FUNCTION prisma_offline_answer() RETURNS int AS $$\nBEGIN\n  RETURN 42;\nEND;\n$$ LANGUAGE plpgsql;\n',
    );
    await addMigration(
      migrations,
      '29990102000000_broken',
      'CREATE TABLE "should_roll_back" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n',
    );
    configPath = path.join(workDir, 'prisma.config.mjs');
    await writeFile(
      configPath,
      `export default ${JSON.stringify({
        schema: repoSchema,
        migrations: { path: migrations },
        datasource: { url: urlOf(database) },
      })};\n`,
    );
  });

  after(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  /** @param {string[]} args */
  const prismaWithTempConfig = (args) =>
    // The temporary config does not set the engine path the repository's config sets.
    prisma([...args, '--config', configPath], {
      database,
      env: { PRISMA_SCHEMA_ENGINE_BINARY: schemaEngineBinaryPath },
    });

  test('is rolled back as a whole and recorded as failed; later ones stay applied', async () => {
    const result = await prismaWithTempConfig(['migrate', 'deploy']);
    assert.notEqual(result.code, 0, output(result));
    assert.match(result.stderr, /no_such_table/);

    await withClient(database, async (client) => {
      const table = await client.query("SELECT to_regclass('public.should_roll_back') AS oid");
      assert.equal(table.rows[0].oid, null, 'the statement before the failure must be rolled back');
      const answer = await client.query('SELECT prisma_offline_answer() AS value');
      assert.equal(answer.rows[0].value, 42);
      const { rows } = await client.query(
        "SELECT finished_at, rolled_back_at FROM _prisma_migrations WHERE migration_name = '29990102000000_broken'",
      );
      assert.equal(rows.length, 1);
      assert.equal(rows[0].finished_at, null);
      assert.equal(rows[0].rolled_back_at, null);
    });
  });

  test('blocks the next deploy until it is resolved', async () => {
    const blocked = await prismaWithTempConfig(['migrate', 'deploy']);
    assert.notEqual(blocked.code, 0, output(blocked));
    assert.match(blocked.stderr, /P3009/);

    const resolved = await prismaWithTempConfig([
      'migrate',
      'resolve',
      '--rolled-back',
      '29990102000000_broken',
    ]);
    assert.equal(resolved.code, 0, output(resolved));
    const rolledBackAt = await withClient(database, async (client) => {
      const { rows } = await client.query(
        "SELECT rolled_back_at FROM _prisma_migrations WHERE migration_name = '29990102000000_broken'",
      );
      return rows[0].rolled_back_at;
    });
    assert.ok(rolledBackAt instanceof Date);
  });
});

describe('cli sub-commands and connection errors', () => {
  /** @param {string} url @param {string} command */
  const engineCli = (url, command) =>
    run(
      process.execPath,
      [schemaEngineBinaryPath, '--datasource', JSON.stringify({ url }), 'cli', command],
      {},
    );

  /** Prisma's CLI skips the first stderr line and parses the others as JSON. @param {string} stderr */
  const logEvents = (stderr) =>
    stderr
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line));

  test('create-database, can-connect-to-database and drop-database work on a real server', async () => {
    const url = urlOf(uniqueDatabaseName());
    assert.equal((await engineCli(url, 'create-database')).code, 0);
    assert.equal((await engineCli(url, 'can-connect-to-database')).code, 0);
    assert.equal((await engineCli(url, 'drop-database')).code, 0);

    const missing = await engineCli(url, 'can-connect-to-database');
    assert.equal(missing.code, 1);
    assert.equal(
      logEvents(missing.stderr).find((event) => event.level === 'ERROR')?.fields.error_code,
      'P1003',
    );
  });

  test('an unreachable server is reported as P1001 in the format Prisma reads', async () => {
    const result = await engineCli('postgresql://postgres@127.0.0.1:1/nowhere', 'can-connect-to-database');
    assert.equal(result.code, 1);
    const error = logEvents(result.stderr).find((event) => event.level === 'ERROR');
    assert.equal(error?.target, 'schema_engine::logger');
    assert.equal(error?.fields.error_code, 'P1001');
    assert.match(error?.fields.message, /Can't reach database server at `127\.0\.0\.1`:`1`/);
  });

  test('the Prisma CLI shows P1001, not a stack trace, when the engine cannot reach the database', async () => {
    const result = await run(
      prismaBin,
      ['migrate', 'diff', '--from-migrations', repoMigrations, '--to-schema', repoSchema, '--exit-code'],
      { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere', CHECKPOINT_DISABLE: '1' },
    );
    assert.equal(result.code, 1, output(result));
    assert.match(result.stderr, /P1001/);
    assert.match(result.stderr, /Can't reach database server/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });
});

/**
 * @param {string} migrationsDir
 * @param {string} name
 * @param {string} sql
 */
async function addMigration(migrationsDir, name, sql) {
  await mkdir(path.join(migrationsDir, name));
  await writeFile(path.join(migrationsDir, name, 'migration.sql'), sql);
}
