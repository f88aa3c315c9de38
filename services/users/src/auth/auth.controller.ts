import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Public, ZodValidationPipe, type Principal, Authenticated, Origin, type ClientOrigin } from '@meridian/platform';
import { SigningKeyStore } from '../keys/signing-key.store.js';
import { AuthService } from './auth.service.js';
import {
  logInSchema,
  mfaLogInSchema,
  refreshSchema,
  signUpSchema,
  type LogInInput,
  type MfaLogInInput,
  type RefreshInput,
  type SignUpInput,
} from './auth.schemas.js';

const body = (schema: z.ZodType) => ApiBody({ schema: z.toJSONSchema(schema, { io: 'input' }) as object });

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(SigningKeyStore) private readonly keys: SigningKeyStore,
  ) {}

  @Public()
  @Post('auth/signup')
  @body(signUpSchema)
  signUp(@Body(new ZodValidationPipe(signUpSchema)) input: SignUpInput, @Origin() origin: ClientOrigin) {
    return this.auth.signUp(input, origin);
  }

  /** Tokens, or `{ mfaRequired: true, mfaToken }` when the account has a second factor. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @body(logInSchema)
  logIn(@Body(new ZodValidationPipe(logInSchema)) input: LogInInput, @Origin() origin: ClientOrigin) {
    return this.auth.logIn(input, origin);
  }

  /** The second step of a log-in: a TOTP code or a recovery code. */
  @Public()
  @Post('auth/mfa')
  @HttpCode(200)
  @body(mfaLogInSchema)
  completeMfa(@Body(new ZodValidationPipe(mfaLogInSchema)) input: MfaLogInInput, @Origin() origin: ClientOrigin) {
    return this.auth.completeMfa(input, origin);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @body(refreshSchema)
  refresh(@Body(new ZodValidationPipe(refreshSchema)) input: RefreshInput, @Origin() origin: ClientOrigin) {
    return this.auth.refresh(input.refreshToken, origin);
  }

  @ApiBearerAuth()
  @Authenticated()
  @Post('auth/logout')
  @HttpCode(204)
  async logOut(@CurrentPrincipal() principal: Principal, @Origin() origin: ClientOrigin) {
    await this.auth.logOut(principal, origin);
  }

  @Public()
  @Get('auth/jwks.json')
  async jwks() {
    return { keys: await this.keys.publicKeys() };
  }

  @ApiBearerAuth()
  @Authenticated()
  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return this.auth.me(principal);
  }
}
