import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Client IP (proxy-aware per `trust proxy`) and user agent, for audit entries and throttling. */
export interface ClientOrigin {
  ip: string | null;
  userAgent: string | null;
}

export const clientOrigin = (req: Request): ClientOrigin => ({
  ip: req.ip ? req.ip.replace(/^::ffff:/, '') : null,
  userAgent: req.header('user-agent')?.slice(0, 512) ?? null,
});

/** Injects the caller's IP and user agent into a controller handler. */
export const Origin = createParamDecorator((_data: unknown, ctx: ExecutionContext): ClientOrigin =>
  clientOrigin(ctx.switchToHttp().getRequest<Request>()),
);
