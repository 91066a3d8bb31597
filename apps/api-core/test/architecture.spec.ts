import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// The workspace root's, as `pnpm lint` runs it.
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** What `pnpm lint`'s import rule says of a tree, as it runs there: whether it fails, and each violation it names. */
function cruise(tree: string): { failed: boolean; violations: string[] } {
  let output: string;
  let failed = false;
  try {
    output = execFileSync(process.execPath, [DEPCRUISE, tree, '--config', '.dependency-cruiser.cjs'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  } catch (error) {
    failed = true;
    output = (error as { stdout: string }).stdout;
  }
  // `  error <rule>: <from> → <to>`, paths shortened to what follows `src/`.
  const violations = [...output.matchAll(/^\s*error ([\w-]+): (\S+) → (\S+)$/gm)].map(
    ([, rule, from, to]) => `${rule}: ${from?.replace(/^.*\/src\//, '')} → ${to?.replace(/^.*\/src\//, '')}`,
  );
  return { failed, violations: violations.sort() };
}

describe('the import direction (pnpm lint)', () => {
  it('holds for the API as it is', () => {
    expect(cruise('apps/api-core/src')).toEqual({ failed: false, violations: [] });
  });

  it('fails on an upward, a sideways and a development import, and lets auth’s decorators through', () => {
    expect(cruise('apps/api-core/test/fixtures/architecture/src')).toEqual({
      failed: true,
      violations: [
        'development-stays-out-of-production-code: features/payouts/talks-to-the-emulator.ts → development/emulator.ts',
        'feature-imports-no-other-feature: features/billing/reads-payouts.ts → features/payouts/payouts.service.ts',
        'platform-imports-no-feature: platform/http/renders-a-feature-error.ts → features/billing/billing.errors.ts',
      ],
    });
  });
});
