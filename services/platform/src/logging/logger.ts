import { pino, type Logger } from 'pino';
import type { LoggerService } from '@nestjs/common';
import { currentContext } from './request-context.js';

export type { Logger } from 'pino';

/** The root JSON logger of a service; every line carries the current correlation id and workspace. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'], remove: true },
    mixin() {
      const ctx = currentContext();
      return ctx ? { correlationId: ctx.correlationId, workspaceId: ctx.workspaceId } : {};
    },
  });
}

/** Routes Nest's own log calls into pino, keeping the class name as context. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
