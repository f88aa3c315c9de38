import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'meridian:public';

/** Marks a route as reachable without a token (health, sign-up, login, JWKS). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
