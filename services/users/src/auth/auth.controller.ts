import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Public, ZodValidationPipe, type Principal, Authenticated, Origin, type ClientOrigin } from '@meridian/platform';
import { SigningKeyStore } from '../keys/signing-key.store.js';
import { AuthService } from './auth.service.js';
import { logInSchema, refreshSchema, signUpSchema, type LogInInput, type RefreshInput, type SignUpInput } from './auth.schemas.js';

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
  signUp(@Body(new ZodValidationPipe(signUpSchema)) input: SignUpInput) {
    return this.auth.signUp(input);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @body(logInSchema)
  logIn(@Body(new ZodValidationPipe(logInSchema)) input: LogInInput, @Origin() origin: ClientOrigin) {
    return this.auth.logIn(input, origin);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @body(refreshSchema)
  refresh(@Body(new ZodValidationPipe(refreshSchema)) input: RefreshInput) {
    return this.auth.refresh(input.refreshToken);
  }

  @ApiBearerAuth()
  @Authenticated()
  @Post('auth/logout')
  @HttpCode(204)
  async logOut(@CurrentPrincipal() principal: Principal) {
    await this.auth.logOut(principal);
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
