import type { LoggerService } from '@nestjs/common';
import { type Logger, pino } from 'pino';

/**
 * JSON logs. A request's lines name it explicitly: its access line, and any line written on its behalf, carry its
 * correlation id (and user, once authenticated) through `requestLogFields`.
 */
export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.accessToken',
        '*.secretKey',
        '*.url',
      ],
      censor: '[redacted]',
    },
  });
}

/**
 * Nest's logger interface over pino, so framework and app logs share one stream and format. Nest passes
 * `(message, ...details, context)`: an object message becomes the line's fields, a string detail its text.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    params: unknown[],
  ) {
    const context = params.length > 0 ? classNameOf(params.at(-1)) : undefined;
    const text = params.length > 1 && typeof params[0] === 'string' ? params[0] : undefined;
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message }, text);
    else this.logger[level]({ context }, String(message));
  }
}

/**
 * Nest names a line's context after the class writing it (`RoutesResolver.name`). In the production bundle a class
 * that refers to itself is compiled as `RoutesResolver = class _RoutesResolver`, so named `_RoutesResolver`
 * (esbuild's keepNames would keep it, at the price of a defineProperty on every closure made per request:
 * apps/api-core/scripts/bundle.mjs); the log says the class's own name.
 */
function classNameOf(context: unknown): unknown {
  return typeof context === 'string' && /^_[A-Z]/.test(context) ? context.slice(1) : context;
}

/**
 * The access log: its fields are set one by one and hold no secret, so it skips the root's redaction, which would
 * otherwise walk every access line.
 */
export function createAccessLogger(root: Logger): Logger {
  return root.child({ context: 'HTTP' }, { redact: [] });
}
