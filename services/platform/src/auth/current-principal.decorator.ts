import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { UnauthenticatedError } from '../errors/domain-error.js';
import type { Principal } from './principal.js';

export interface RequestWithPrincipal {
  principal?: Principal;
}

/** Injects the authenticated caller into a controller handler. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new UnauthenticatedError();
  return principal;
});
