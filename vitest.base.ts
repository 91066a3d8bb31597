import swc from 'unplugin-swc';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * Shared test setup. Vitest, not Jest: Nest 12 ships ESM only and CommonJS companions such as @nestjs/throttler
 * `require()` it, which Node 20.19 allows natively but Jest's module runtime only allows from Node 24.9.
 * SWC compiles the sources so Nest's DI gets the decorator metadata esbuild does not emit.
 */
export function vitestConfig(test: NonNullable<ViteUserConfig['test']> = {}) {
  return defineConfig({
    plugins: [
      swc.vite({
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
        module: { type: 'es6' },
      }),
    ],
    test: {
      globals: true,
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      pool: 'forks',
      ...test,
    },
  });
}
