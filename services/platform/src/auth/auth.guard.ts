import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PermissionDeniedError, UnauthenticatedError } from '../errors/domain-error.js';
import { enrichContext } from '../logging/request-context.js';
import { API_KEY_RESOLVER, LOGGER, TOKEN_VERIFIER } from '../tokens.js';
import type { Logger } from '../logging/logger.js';
import type { AccessTokenVerifier } from './access-token-verifier.js';
import { isApiKey, type ApiKeyResolver } from './api-key-resolver.js';
import { ACCESS, type Access } from './access.decorator.js';
import type { RequestWithPrincipal } from './current-principal.decorator.js';
import { can } from './permissions.js';

/**
 * Global HTTP guard. Every route declares its access (@Public, @Authenticated or
 * @RequirePermission); a route that declares nothing is refused (fail closed) and the
 * security suite reports it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(API_KEY_RESOLVER) private readonly apiKeys: ApiKeyResolver | null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (access?.kind === 'public') return true;
    const req = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const header = req.header('authorization') ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthenticatedError();
    const principal = isApiKey(token) ? await this.resolveApiKey(token) : await this.verifier.verify(token);
    req.principal = principal;
    enrichContext({ workspaceId: principal.workspaceId, userId: principal.userId, role: principal.role });
    if (!access) {
      this.logger.error({ context: 'AuthGuard', route: req.route?.path, method: req.method }, 'Route declares no access rule; refused');
      throw new PermissionDeniedError();
    }
    if (access.kind === 'permission' && !can(principal.role, access.permission)) throw new PermissionDeniedError();
    return true;
  }

  private resolveApiKey(key: string) {
    if (!this.apiKeys) throw new UnauthenticatedError('API keys are not accepted by this service.');
    return this.apiKeys.resolve(key);
  }
}
