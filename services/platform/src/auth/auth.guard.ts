import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { UnauthenticatedError } from '../errors/domain-error.js';
import { enrichContext } from '../logging/request-context.js';
import { TOKEN_VERIFIER } from '../tokens.js';
import type { AccessTokenVerifier } from './access-token-verifier.js';
import type { RequestWithPrincipal } from './current-principal.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';

/** Global HTTP guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const header = req.header('authorization') ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthenticatedError();
    const principal = await this.verifier.verify(token);
    req.principal = principal;
    enrichContext({ workspaceId: principal.workspaceId, userId: principal.userId, role: principal.role });
    return true;
  }
}
