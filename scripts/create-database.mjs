// Creates (or with --drop, drops) a database on a PostgreSQL server: CI's fresh database per run.
// Usage: node scripts/create-database.mjs [--drop] <server url> <database name>
import { createRequire } from 'node:module';

const require = createRequire(new URL('../packages/database/package.json', import.meta.url));
const { Client } = require('pg');

const args = process.argv.slice(2);
const drop = args[0] === '--drop';
const [serverUrl, name] = drop ? args.slice(1) : args;
if (!serverUrl || !name || !/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
  console.error(
    'usage: create-database.mjs [--drop] <server url> <database name: lower-case letters, digits, _>',
  );
  process.exit(2);
}
const client = new Client({ connectionString: serverUrl });
await client.connect();
try {
  await client.query(drop ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `CREATE DATABASE "${name}"`);
} finally {
  await client.end();
}
