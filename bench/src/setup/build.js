/** Builds the API and the workspace packages it runs on, as `pnpm start` does. */
import { spawn } from 'node:child_process';
import { repositoryRoot } from '../paths.js';

export function buildApi() {
  return new Promise((resolve, reject) => {
    const build = spawn(
      'pnpm',
      ['turbo', 'run', 'build', '--filter=@biore/api-core...', '--output-logs=errors-only'],
      { cwd: repositoryRoot, stdio: 'inherit' },
    );
    build.once('error', reject);
    build.once('exit', (code) =>
      code === 0 ? resolve(undefined) : reject(new Error(`the API build failed (exit ${code})`)),
    );
  });
}
