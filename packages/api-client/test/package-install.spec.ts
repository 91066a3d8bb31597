import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import manifest from '../package.json' with { type: 'json' };
import { DEMO, DEMO_PASSWORD } from './support/demo-users.js';
import { liveApiOrigin } from './support/live-api.js';

const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
/** Packing builds the package, and npm may fetch the React peers from the registry on a cold cache. */
const INSTALL_TIMEOUT_MS = 300_000;

/**
 * A project of another team: outside this workspace, with npm instead of pnpm, the package from its tarball and
 * the React peers from the registry. What it compiles against and runs is what `pnpm pack` ships.
 */
const consumer = {
  'package.json': {
    name: 'payouts-consumer',
    private: true,
    type: 'module',
    dependencies: {
      '@tanstack/react-query': manifest.devDependencies['@tanstack/react-query'],
      '@types/react': manifest.devDependencies['@types/react'],
      react: manifest.devDependencies.react,
    },
  },
  'tsconfig.json': {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM'],
      types: [],
      strict: true,
      // The package's own declarations are checked too, as the consumer's compiler meets them.
      skipLibCheck: false,
      outDir: 'out',
    },
    include: ['consumer.ts'],
  },
};

/** Calls the live API the way a script of that team would; the `@ts-expect-error`s prove the types are real. */
const consumerSource = (baseUrl: string) => `
import { ApiError, type ConnectStatus, createApiClient } from '@biore/api-client';
import type { useGetDashboardLink } from '@biore/api-client/react';

const baseUrl = ${JSON.stringify(baseUrl)};
const { accessToken } = await createApiClient({ baseUrl }).login({
  email: ${JSON.stringify(DEMO.active)},
  password: ${JSON.stringify(DEMO_PASSWORD)},
});
const api = createApiClient({ baseUrl, accessToken });
const url: string = await api.getDashboardLink();
const status: ConnectStatus['status'] = (await api.getConnectStatus()).status;
const signedOut = await createApiClient({ baseUrl }).getDashboardLink().then(
  () => 'no error',
  (error: unknown) => (error instanceof ApiError ? error.i18nKey : 'not an ApiError'),
);

// @ts-expect-error: the login body needs a password
export const incompleteLogin: Parameters<typeof api.login>[0] = { email: 'creator@example.com' };
// @ts-expect-error: the React hook's mutation resolves with the URL, a string
export const notAUrl: Awaited<ReturnType<ReturnType<typeof useGetDashboardLink>['mutateAsync']>> = 42;

console.log(JSON.stringify({ url, status, signedOut }));
`;

describe('@biore/api-client installed in another repository', () => {
  let workDir: string;
  let projectDir: string;
  let tarballEntries: string[];
  const inProject = (command: string, args: string[]) =>
    run(command, args, { cwd: projectDir, env: outsideTheWorkspace() });

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'biore-api-client-consumer-'));
    projectDir = path.join(workDir, 'project');
    await mkdir(projectDir);
    await run('pnpm', ['pack', '--pack-destination', workDir], { cwd: packageRoot });
    const tarball = path.join(workDir, `biore-api-client-${manifest.version}.tgz`);
    tarballEntries = (await run('tar', ['-tzf', tarball])).stdout.trim().split('\n');

    for (const [file, content] of Object.entries(consumer)) {
      await writeFile(path.join(projectDir, file), `${JSON.stringify(content, null, 2)}\n`);
    }
    await writeFile(path.join(projectDir, 'consumer.ts'), consumerSource(liveApiOrigin()));
    await inProject('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball]);
  }, INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('ships the built library and its types, and nothing of the workspace: no sources, tests or logs', () => {
    expect(tarballEntries).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/README.md',
        'package/dist/index.js',
        'package/dist/index.d.ts',
        'package/dist/react/index.js',
        'package/dist/react/index.d.ts',
      ]),
    );
    const unexpected = tarballEntries.filter(
      (entry) => !/^package\/(package\.json|README\.md|dist\/.+\.(js|d\.ts))$/.test(entry),
    );
    expect(unexpected).toEqual([]);
  });

  it('is installed with a real version, from its tarball', async () => {
    const installed = JSON.parse((await inProject('npm', ['ls', '@biore/api-client', '--json'])).stdout) as {
      dependencies: Record<string, { version: string; resolved: string }>;
    };
    expect(installed.dependencies['@biore/api-client']).toMatchObject({
      version: '0.1.0',
      resolved: expect.stringMatching(/^file:.*biore-api-client-0\.1\.0\.tgz$/),
    });
  });

  it('typechecks a consumer with tsc, whose compiled code then calls the live API', async () => {
    await inProject(process.execPath, [tsc, '-p', 'tsconfig.json']);
    const { stdout } = await inProject(process.execPath, ['out/consumer.js']);
    expect(JSON.parse(stdout)).toEqual({
      url: expect.stringMatching(/\/express\/acct_1DemoActive00001\//),
      status: 'ACTIVE',
      signedOut: 'auth.token.missing',
    });
  });

  it('is ESM only, as it says: require() is refused', async () => {
    const loading = inProject(process.execPath, ['--eval', "require('@biore/api-client')"]);
    await expect(loading).rejects.toMatchObject({
      stderr: expect.stringContaining('ERR_PACKAGE_PATH_NOT_EXPORTED'),
    });
  });
});

/** The environment without what pnpm sets for its scripts (npm_config_*, npm_package_*): npm as a user runs it. */
function outsideTheWorkspace(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
}
