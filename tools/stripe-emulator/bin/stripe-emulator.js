#!/usr/bin/env node
import { CliUsageError, main, USAGE } from '../dist/cli.js';

try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof CliUsageError) console.error(`\n${USAGE}`);
  process.exitCode = 1;
}
