// The production entry (`node dist/server.mjs`): the bundled server, started with its code cache.
import { loadServer } from './server-bundle.mjs';

await loadServer().startServer();
