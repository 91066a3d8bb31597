// Prints one closing line for the whole workspace's test run, "N passed, N failed, N skipped", from the
// machine-readable reports each package's test command writes (Jest or Vitest JSON, node:test TAP).
// Failed tests are listed last, with the start of their message, so a log's tail says what failed.
// `--reset` deletes those reports before a run.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const reports = [
  'apps/api-core',
  'apps/web',
  'packages/api-client',
  'packages/database',
  'tools/stripe-emulator',
  'tools/prisma-offline',
];

if (process.argv.includes('--reset')) {
  // Before a run: a report left by an earlier run must never count for this one.
  await Promise.all(
    reports.flatMap((folder) =>
      ['test-results.json', 'test-results.tap'].map((file) =>
        rm(path.join(root, folder, file), { force: true }),
      ),
    ),
  );
  process.exit(0);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
const failures = [];

for (const folder of reports) {
  const vitest = await readFile(path.join(root, folder, 'test-results.json'), 'utf8').catch(() => null);
  const tap = vitest
    ? null
    : await readFile(path.join(root, folder, 'test-results.tap'), 'utf8').catch(() => null);
  if (vitest) {
    const report = JSON.parse(vitest);
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + (report.success ? 0 : report.numFailedTestSuites);
    totals.skipped += report.numPendingTests + report.numTodoTests;
    failures.push(...failedTests(report));
  } else if (tap) {
    const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
    totals.passed += count('pass');
    totals.failed += count('fail') + count('cancelled');
    totals.skipped += count('skipped') + count('todo');
  } else {
    missing.push(folder);
  }
}
if (missing.length > 0) {
  console.error(`No test report from: ${missing.join(', ')}`);
  totals.failed += missing.length;
}
for (const failure of failures) console.log(failure);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

/** Jest and Vitest write the same shape: suites with a failure message, assertions with theirs. */
function failedTests(report) {
  const firstLines = (messages) =>
    stripVTControlCharacters(messages.join('\n'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(0, 12)
      .map((line) => `    ${line}`)
      .join('\n');
  return report.testResults.flatMap((suite) => {
    const file = path.relative(root, suite.name);
    const tests = (suite.assertionResults ?? [])
      .filter((test) => test.status === 'failed')
      .map((test) => `FAILED ${file} › ${test.fullName}\n${firstLines(test.failureMessages ?? [])}`);
    if (tests.length === 0 && suite.status === 'failed') {
      return [`FAILED ${file}\n${firstLines([suite.message ?? ''])}`];
    }
    return tests;
  });
}
