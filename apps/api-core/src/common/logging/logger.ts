import type { LoggerService } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import { type Logger, pino } from 'pino';

/** JSON logs; every line written during a request carries its correlation id (and user, once authenticated). */
export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const cls = ClsServiceManager.getClsService();
      if (!cls.isActive()) return {};
      return { correlationId: cls.getId(), userId: cls.get('userId') };
    },
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
    const context = params.length > 0 ? params.at(-1) : undefined;
    const text = params.length > 1 && typeof params[0] === 'string' ? params[0] : undefined;
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message }, text);
    else this.logger[level]({ context }, String(message));
  }
}
