import { createApp } from './bootstrap.js';
import { ConfigError, loadConfig } from './platform/config/app-config.js';
import { closeGracefullyOnSignals } from './platform/lifecycle/graceful-shutdown.js';
import { ScheduledJobs } from './platform/scheduling/scheduled-jobs.js';

/** Starts the API as an operator runs it; a start that cannot succeed ends the process with the reason. */
export async function startServer(): Promise<void> {
  try {
    const config = loadConfig(process.env);
    const app = await createApp(config);
    await app.listen(config.http.port, config.http.host);
    // The server takes its turns at the deployment's scheduled jobs; apps built for tests and commands do not.
    app.get(ScheduledJobs).start();
    closeGracefullyOnSignals(app, {
      drainMs: config.shutdownDrainMs,
      timeoutMs: config.shutdownTimeoutMs,
      requestTimeoutMs: config.requestTimeoutMs,
    });
    console.warn(`API ready on http://localhost:${config.http.port}/api/v1 (Swagger UI: /docs)`);
  } catch (error) {
    // A refused start names the problem, not a stack: configuration mistakes are the common case.
    console.error(
      error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
    );
    process.exit(1);
  }
}
