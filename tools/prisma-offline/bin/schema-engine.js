#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary; prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here.
import { main } from '../src/main.js';

let exitCode;
try {
  exitCode = await main(process.argv.slice(2), process);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
}
// Exit explicitly: pools and timers inside the engine would otherwise keep the process (and the CLI) waiting.
// Waiting for an empty write first makes sure the last response has left stdout.
process.stdout.write('', () => process.exit(exitCode));
