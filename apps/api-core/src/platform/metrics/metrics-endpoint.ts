import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig, MetricsSettings } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { InternalError, RouteNotFoundError } from '../errors/common.errors.js';
import { errorAnswer } from '../http/error-answer.js';
import { Metrics } from './metrics.js';

const METRICS_PATH = '/metrics';

/**
 * `GET /metrics` in Prometheus's text format, on a port of its own (METRICS_PORT, loopback unless METRICS_HOST says
 * otherwise, and then only with METRICS_TOKEN): never on the API's public port, never public by accident. Anything
 * else, and a missing or wrong token, is the envelope's 404, as for a path that does not exist.
 */
@Injectable()
export class MetricsEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | undefined;

  constructor(
    private readonly metrics: Metrics,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const endpoint = this.config.metrics;
    if (!endpoint) return;
    const server = createServer((request, response) =>
      this.answer(request, response, endpoint).catch((error: unknown) => {
        this.logger.error({ err: error }, 'Metrics could not be collected');
        const answer = errorAnswer(new InternalError({ cause: error }), randomUUID(), undefined);
        response.writeHead(answer.status, answer.headers).end(answer.body);
      }),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(endpoint.port, endpoint.host, () => resolve());
    });
    this.server = server;
    this.logger.log(
      { host: endpoint.host, port: endpoint.port, token: endpoint.token !== undefined },
      `Metrics on http://${endpoint.host}:${endpoint.port}${METRICS_PATH}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    // A scraper's kept-alive connection would hold the close until its idle timeout.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private async answer(
    request: IncomingMessage,
    response: ServerResponse,
    endpoint: MetricsSettings,
  ): Promise<void> {
    const path = request.url?.split('?')[0];
    if (request.method !== 'GET' || path !== METRICS_PATH || !authorized(request, endpoint.token)) {
      const answer = errorAnswer(new RouteNotFoundError(), randomUUID(), request.headers['accept-language']);
      response.writeHead(answer.status, answer.headers).end(answer.body);
      return;
    }
    const body = await this.metrics.registry.metrics();
    response
      .writeHead(200, { 'Content-Type': this.metrics.registry.contentType, 'Cache-Control': 'no-store' })
      .end(body);
  }
}

function authorized(request: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const sent = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1] ?? '';
  // Digests of equal length, so the comparison takes as long whatever was sent.
  return timingSafeEqual(sha256(sent), sha256(token));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
