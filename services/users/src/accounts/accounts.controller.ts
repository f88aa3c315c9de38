import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authenticated, CurrentPrincipal, Origin, Public, ZodValidationPipe, type ClientOrigin, type Principal } from '@meridian/platform';
import { AccountsService } from './accounts.service.js';
import {
  changeEmailSchema,
  changePasswordSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  verifyEmailSchema,
  type ChangeEmailInput,
  type ChangePasswordInput,
  type PasswordResetConfirmInput,
  type PasswordResetRequestInput,
  type VerifyEmailInput,
} from './accounts.schemas.js';

const body = (schema: z.ZodType) => ApiBody({ schema: z.toJSONSchema(schema, { io: 'input' }) as object });

@ApiTags('account')
@Controller('api/v1')
export class AccountsController {
  constructor(@Inject(AccountsService) private readonly accounts: AccountsService) {}

  @Public()
  @Post('auth/verify-email')
  @HttpCode(200)
  @body(verifyEmailSchema)
  verifyEmail(@Body(new ZodValidationPipe(verifyEmailSchema)) input: VerifyEmailInput, @Origin() origin: ClientOrigin) {
    return this.accounts.verifyEmail(input, origin);
  }

  @ApiBearerAuth()
  @Authenticated()
  @Post('me/verify-email/resend')
  @HttpCode(202)
  resendVerification(@CurrentPrincipal() principal: Principal) {
    return this.accounts.resendVerification(principal);
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @body(passwordResetRequestSchema)
  requestPasswordReset(
    @Body(new ZodValidationPipe(passwordResetRequestSchema)) input: PasswordResetRequestInput,
    @Origin() origin: ClientOrigin,
  ) {
    return this.accounts.requestPasswordReset(input, origin);
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @body(passwordResetConfirmSchema)
  async confirmPasswordReset(
    @Body(new ZodValidationPipe(passwordResetConfirmSchema)) input: PasswordResetConfirmInput,
    @Origin() origin: ClientOrigin,
  ) {
    await this.accounts.confirmPasswordReset(input, origin);
  }

  @ApiBearerAuth()
  @Authenticated()
  @Post('me/password')
  @HttpCode(204)
  @body(changePasswordSchema)
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(changePasswordSchema)) input: ChangePasswordInput,
    @Origin() origin: ClientOrigin,
  ) {
    await this.accounts.changePassword(principal, input, origin);
  }

  @ApiBearerAuth()
  @Authenticated()
  @Post('me/email')
  @HttpCode(202)
  @body(changeEmailSchema)
  changeEmail(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(changeEmailSchema)) input: ChangeEmailInput,
    @Origin() origin: ClientOrigin,
  ) {
    return this.accounts.changeEmail(principal, input, origin);
  }
}
