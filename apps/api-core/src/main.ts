// The server straight from tsc's output, one module file at a time; production runs the bundle (server.mts).
import { startServer } from './start-server.js';

await startServer();
