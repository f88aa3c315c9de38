import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authenticated, CurrentPrincipal, Origin, ZodValidationPipe, type ClientOrigin, type Principal } from '@meridian/platform';
import { MfaService } from './mfa.service.js';
import { confirmMfaSchema, mfaReauthSchema, type ConfirmMfaInput, type MfaReauthBody } from './mfa.schemas.js';

const body = (schema: z.ZodType) => ApiBody({ schema: z.toJSONSchema(schema, { io: 'input' }) as object });

@ApiTags('mfa')
@ApiBearerAuth()
@Controller('api/v1/me/mfa')
export class MfaController {
  constructor(@Inject(MfaService) private readonly mfa: MfaService) {}

  @Authenticated()
  @Get()
  status(@CurrentPrincipal() principal: Principal) {
    return this.mfa.status(principal);
  }

  @Authenticated()
  @Post('enrol')
  @HttpCode(200)
  enrol(@CurrentPrincipal() principal: Principal) {
    return this.mfa.enrol(principal);
  }

  @Authenticated()
  @Post('confirm')
  @HttpCode(200)
  @body(confirmMfaSchema)
  confirm(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(confirmMfaSchema)) input: ConfirmMfaInput,
    @Origin() origin: ClientOrigin,
  ) {
    return this.mfa.confirm(principal, input.code, origin);
  }

  @Authenticated()
  @Post('disable')
  @HttpCode(204)
  @body(mfaReauthSchema)
  async disable(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(mfaReauthSchema)) input: MfaReauthBody,
    @Origin() origin: ClientOrigin,
  ) {
    await this.mfa.disable(principal, input, origin);
  }

  @Authenticated()
  @Post('recovery-codes')
  @HttpCode(200)
  @body(mfaReauthSchema)
  regenerateRecoveryCodes(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(mfaReauthSchema)) input: MfaReauthBody,
    @Origin() origin: ClientOrigin,
  ) {
    return this.mfa.regenerateRecoveryCodes(principal, input, origin);
  }
}
