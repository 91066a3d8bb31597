import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/platform/config/app-config.js';

// No container engine runs here: this checks that docker-compose.yml and the load balancer's configuration parse,
// agree with each other and with the API's configuration, and name files that exist.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// The YAML parser @nestjs/swagger already depends on, rather than one more dependency.
const yaml = createRequire(createRequire(import.meta.url).resolve('@nestjs/swagger'))('js-yaml') as {
  load(text: string): unknown;
};

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}

/** Compose's interpolation: `${X:-default}` → default, `${X:?message}` (required) → a value that passes. */
function interpolate(text: string): string {
  return text
    .replace(/\$\{(\w+):-([^}]*)\}/g, (_, _name, fallback: string) => fallback)
    .replace(/\$\{(\w+):\?[^}]*\}/g, (_, name: string) =>
      name === 'JWT_SECRET' ? 'compose-check-0123456789abcdefghijklmnopqrstuvwxyz' : `required-${name}`,
    );
}

const compose = yaml.load(interpolate(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'))) as {
  services: Record<string, Service>;
  networks?: Record<string, { ipam?: { config?: { subnet: string }[] } }>;
};
const services = Object.fromEntries(
  Object.entries(compose.services).map(([name, service]) => [name, withMergeKey(service)]),
);
const replicas = Object.entries(services).filter(([, service]) => service.build?.target === 'runtime');
const lb = services.lb as Service;
const haproxy = readFileSync(path.join(ROOT, 'deploy', 'haproxy.cfg'), 'utf8');

describe('docker-compose.yml: replicas behind a load balancer', () => {
  it('runs at least two API replicas, only the load balancer publishes port 3000', () => {
    expect(replicas.length).toBeGreaterThanOrEqual(2);
    for (const [, replica] of replicas) expect(replica.ports ?? []).toEqual([]);
    expect(lb.image).toMatch(/^haproxy:/);
    expect(lb.ports).toEqual(['3000:3000']);
  });

  it.each(replicas.map(([name]) => [name]))(
    '%s: starts with a configuration the API accepts, shares Redis, trusts only the load balancer',
    (name) => {
      const replica = services[name] as Service;
      // `X: ${UNSET:-}` is null in YAML and an empty string to compose.
      const env = Object.fromEntries(
        Object.entries(replica.environment ?? {}).map(([key, value]) => [key, String(value ?? '')]),
      );
      expect(() => loadConfig(env)).not.toThrow();
      const config = loadConfig(env);
      expect(config.environment).toBe('production');
      expect(config.redis.url).toBeDefined();
      const lbAddress = (lb.networks as Record<string, { ipv4_address?: string }>).backend?.ipv4_address;
      expect(config.trustProxy).toEqual([lbAddress]);
      expect(replica.healthcheck?.test.join(' ')).toContain('/health/ready');
      // Compose's SIGKILL must come after the API's drain and its shutdown deadline.
      expect(Number.parseInt(replica.stop_grace_period ?? '10', 10)).toBeGreaterThan(
        (config.shutdownDrainMs + config.shutdownTimeoutMs) / 1_000,
      );
      expect(replica.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    },
  );

  it("the load balancer's address lies in the network's subnet", () => {
    const lbAddress = (lb.networks as Record<string, { ipv4_address?: string }>).backend?.ipv4_address ?? '';
    const subnet = compose.networks?.backend?.ipam?.config?.[0]?.subnet ?? '';
    expect(subnet).toMatch(/^\d+\.\d+\.\d+\.0\/24$/);
    expect(lbAddress.split('.').slice(0, 3)).toEqual(subnet.split('.').slice(0, 3));
  });

  it('every file it names exists', () => {
    for (const service of Object.values(services)) {
      if (service.build) {
        expect(existsSync(path.join(ROOT, service.build.context, service.build.dockerfile))).toBe(true);
      }
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('./')) expect(existsSync(path.join(ROOT, source)), source).toBe(true);
      }
    }
  });

  it('every service a service depends on exists', () => {
    for (const service of Object.values(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {}))
        expect(services).toHaveProperty(dependency);
    }
  });
});

describe('deploy/haproxy.cfg', () => {
  it('sends traffic to every replica, checking each one’s /health/ready', () => {
    const servers = [...haproxy.matchAll(/^\s*server\s+(\S+)\s+(\S+):(\d+)/gm)].map((m) => [
      m[1],
      m[2],
      m[3],
    ]);
    expect(servers.map(([, host]) => host).sort()).toEqual(replicas.map(([name]) => name).sort());
    for (const [, , port] of servers) expect(port).toBe('3000');
    expect(haproxy).toMatch(/^\s*option httpchk\s*$/m);
    expect(haproxy).toMatch(/^\s*http-check send meth GET uri \/health\/ready\s*$/m);
    expect(haproxy).toMatch(/^\s*default-server check\b/m);
  });

  it('keeps each replica below saturation: a bound on its requests at once, the rest queued in HAProxy a while', () => {
    const checks = haproxy.match(/^\s*default-server check\b(.*)$/m)?.[1] ?? '';
    const maxconn = Number(checks.match(/\bmaxconn (\d+)/)?.[1]);
    // One instance is CPU-bound from about 256 requests in flight (bench/RESULTS.md).
    expect(maxconn).toBeGreaterThan(0);
    expect(maxconn).toBeLessThanOrEqual(256);
    expect(haproxy).toMatch(/^\s*timeout queue \d+s\s*$/m);
  });

  it('takes a replica out of rotation within its drain: before it stops accepting connections', () => {
    const checks = haproxy.match(/^\s*default-server check\b(.*)$/m)?.[1] ?? '';
    const setting = (name: string) => checks.match(new RegExp(`\\b${name} (\\S+)`))?.[1];
    const milliseconds = (value = '') => {
      const [, amount = '', unit = 'ms'] = value.match(/^(\d+)(ms|s)?$/) ?? [];
      return Number(amount) * (unit === 's' ? 1_000 : 1);
    };
    const inter = milliseconds(setting('inter'));
    // After the first failed check, the next ones come every `fastinter` (every `inter` without it).
    const fastinter = milliseconds(setting('fastinter') ?? setting('inter'));
    const fall = Number(setting('fall'));
    expect([inter, fastinter, fall].every((value) => value > 0)).toBe(true);
    // Readiness fails at once while draining: the last of `fall` failed checks is done within this.
    const outOfRotationWithinMs = inter + (fall - 1) * fastinter;
    for (const [name] of replicas) {
      const env = Object.fromEntries(
        Object.entries(services[name]?.environment ?? {}).map(([key, value]) => [key, String(value ?? '')]),
      );
      // A second to spare: a check under way and the balancer's own scheduling.
      expect(loadConfig(env).shutdownDrainMs).toBeGreaterThanOrEqual(outOfRotationWithinMs + 1_000);
    }
    // A refused connection (a replica gone) is retried on another replica, never a request that reached one.
    expect(haproxy).toMatch(/^\s*option redispatch( 1)?\s*$/m);
    expect(haproxy).toMatch(/^\s*retry-on conn-failure\s*$/m);
  });

  it('listens on 3000 and replaces any client-sent X-Forwarded-For with the client address', () => {
    expect(haproxy).toMatch(/^\s*bind :3000\s*$/m);
    expect(haproxy).toMatch(/^\s*http-request set-header X-Forwarded-For %\[src\]\s*$/m);
  });
});

/** YAML's merge key (`<<: *api`), which compose applies and js-yaml 5 leaves as a plain key: shallow, own keys win. */
function withMergeKey(service: Service & { '<<'?: Service }): Service {
  const { '<<': base, ...own } = service;
  return { ...base, ...own };
}
