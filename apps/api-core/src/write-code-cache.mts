// `node [flags] dist/write-code-cache.mjs`: (re)writes the code cache for the Node version and V8 flags it runs with.
import { writeCodeCache } from './server-bundle.mjs';

writeCodeCache();
