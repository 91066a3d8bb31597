import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `vite preview`: the static files `build` wrote to dist/, with `/api` proxied as in development. */
export async function servePage(port: number, apiOrigin: string): Promise<{ close(): Promise<void> }> {
  const server = await preview({
    root: appRoot,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true, proxy: { '/api/': apiOrigin } },
  });
  return { close: () => server.close() };
}
