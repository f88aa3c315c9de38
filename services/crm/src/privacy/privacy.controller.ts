import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, RequirePermission, ZodValidationPipe, type Principal } from '@meridian/platform';
import { PrivacyService } from './privacy.service.js';

const contactId = z.uuid({ error: 'id is a UUID.' });

/** GDPR endpoints on a person: erasure and the subject access export. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('api/v1/contacts')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Post(':id/erase')
  @HttpCode(204)
  @RequirePermission('records.erase')
  async erase(@CurrentPrincipal() principal: Principal, @Param('id', new ZodValidationPipe(contactId)) id: string): Promise<void> {
    await this.privacy.erase(principal, id);
  }

  @Get(':id/personal-data')
  @RequirePermission('records.export')
  personalData(@CurrentPrincipal() principal: Principal, @Param('id', new ZodValidationPipe(contactId)) id: string) {
    return this.privacy.personalData(principal, id);
  }
}
