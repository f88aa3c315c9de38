import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions.js';

export const ACCESS = 'meridian:access';

/** How a route is guarded: exactly one of these is declared on every route. */
export type Access = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: Permission };

/** Reachable without credentials (health, sign-up, login, JWKS). */
export const Public = () => SetMetadata(ACCESS, { kind: 'public' } satisfies Access);

/** Any signed-in member of the workspace, whatever the role (own profile, own sessions). */
export const Authenticated = () => SetMetadata(ACCESS, { kind: 'authenticated' } satisfies Access);

/** Requires a permission of the caller's role (see permissions.ts). */
export const RequirePermission = (permission: Permission) => SetMetadata(ACCESS, { kind: 'permission', permission } satisfies Access);
