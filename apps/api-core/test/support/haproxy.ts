import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './test-api.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DEPLOYED_CONFIG = path.join(ROOT, 'deploy', 'haproxy.cfg');
const HAPROXY = '/usr/sbin/haproxy';

/** Debian's HAProxy running `deploy/haproxy.cfg`, its servers and its own port moved to loopback. */
export interface LoadBalancer {
  origin: string;
  /** Everything HAProxy printed so far (its log goes to stdout: server state changes, one line per request). */
  output(): string;
  /** The server's state as HAProxy's checks see it: `UP`, `DOWN`, or on the way (`UP 1/2`, `DOWN 1/2`). */
  serverStatus(name: string): Promise<string>;
  /** Polls until the server's state is `status`; rejects, saying what it last saw, after `timeoutMs`. */
  waitForServerStatus(name: string, status: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The deployed configuration, unchanged but for addresses: it listens on a loopback port, and each `server` line
 * names the loopback port `servers` gives for it (Docker's resolver section goes, nothing resolves names here).
 * Every part it rewrites must be found, so a change of the deployed file cannot silently leave the test behind.
 */
export function loopbackConfig(
  servers: Record<string, number>,
  { port, statsSocket }: { port: number; statsSocket: string },
): string {
  const replacements: [RegExp, string][] = [
    // The runtime API, where the test reads what the balancer's checks decided.
    [/^global\n/m, `global\n    stats socket ${statsSocket}\n`],
    [/^(\s*)bind :3000\s*$/m, `$1bind 127.0.0.1:${port}`],
    [/^resolvers docker\n(?:[ \t]+.*\n)+/m, ''],
    [/ resolvers docker init-addr \S+/, ''],
  ];
  let config = readFileSync(DEPLOYED_CONFIG, 'utf8');
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(config))
      throw new Error(`deploy/haproxy.cfg has no ${pattern}: update the test's rewrite`);
    config = config.replace(pattern, replacement);
  }
  for (const [name, serverPort] of Object.entries(servers)) {
    const server = new RegExp(`^(\\s*server ${name}) \\S+:3000\\b`, 'm');
    if (!server.test(config)) throw new Error(`deploy/haproxy.cfg has no server ${name}`);
    config = config.replace(server, `$1 127.0.0.1:${serverPort}`);
  }
  return config;
}

/** One command on HAProxy's runtime API; resolves with its whole answer (HAProxy closes after answering). */
function runtimeCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(socketPath, () => socket.end(`${command}\n`));
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.once('error', reject);
    socket.once('close', () => resolve(answer));
  });
}

export async function startLoadBalancer(servers: Record<string, number>): Promise<LoadBalancer> {
  // The package's test script installs it (scripts/ensure-haproxy.sh); a run that skipped that says what to do.
  if (!existsSync(HAPROXY)) throw new Error(`No HAProxy at ${HAPROXY}: run scripts/ensure-haproxy.sh`);
  const port = await freePort();
  const folder = await mkdtemp(path.join(tmpdir(), 'biore-haproxy-'));
  const configFile = path.join(folder, 'haproxy.cfg');
  const statsSocket = path.join(folder, 'admin.sock');
  await writeFile(configFile, loopbackConfig(servers, { port, statsSocket }));
  // -db: in the foreground, not as a daemon, so the test owns the process and its output.
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Whatever happens to the test run, the balancer does not outlive it.
  process.once('exit', () => child.kill('SIGKILL'));

  const balancer: LoadBalancer = {
    origin: `http://127.0.0.1:${port}`,
    output: () => output,
    async serverStatus(name) {
      const csv = await runtimeCommand(statsSocket, 'show stat -1 4 -1');
      const [header = '', ...rows] = csv.split('\n');
      const columns = header.replace(/^# /, '').split(',');
      const row = rows.map((line) => line.split(',')).find((fields) => fields[1] === name);
      if (!row) throw new Error(`HAProxy has no server ${name}:\n${csv}`);
      return row[columns.indexOf('status')] ?? '';
    },
    async waitForServerStatus(name, status, timeoutMs = 20_000) {
      const giveUpAt = Date.now() + timeoutMs;
      let seen = await balancer.serverStatus(name);
      while (seen !== status) {
        if (Date.now() > giveUpAt)
          throw new Error(`HAProxy still sees ${name} ${seen}, not ${status}, after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = await balancer.serverStatus(name);
      }
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(folder, { recursive: true, force: true });
    },
  };

  // Up once it answers on its own port (its monitor URI needs no server).
  const giveUpAt = Date.now() + 10_000;
  for (;;) {
    try {
      await (await fetch(`${balancer.origin}/lb/health`)).arrayBuffer();
      return balancer;
    } catch (error) {
      if (Date.now() > giveUpAt || child.exitCode !== null) {
        await balancer.close();
        throw new Error(`HAProxy did not start: ${String(error)}\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
