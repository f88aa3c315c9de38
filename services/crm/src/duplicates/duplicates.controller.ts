import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, ZodValidationPipe, type Principal } from '@meridian/platform';
import {
  dismissDuplicateSchema,
  listDuplicatesQuerySchema,
  mergeSchema,
  type DismissDuplicateInput,
  type ListDuplicatesQuery,
  type MergeInput,
} from './dto/duplicates.schemas.js';
import { DuplicatesService } from './duplicates.service.js';
import { MergeService } from './merge.service.js';

/** Duplicate suggestions, their dismissal, and merging, for contacts and companies. */
@ApiTags('duplicates')
@ApiBearerAuth()
@Controller('api/v1')
export class DuplicatesController {
  constructor(
    private readonly duplicates: DuplicatesService,
    private readonly merges: MergeService,
  ) {}

  @Get('contacts/duplicates')
  @RequirePermission('records.read')
  contactDuplicates(@CurrentPrincipal() p: Principal, @Query(new ZodValidationPipe(listDuplicatesQuerySchema)) q: ListDuplicatesQuery) {
    return this.duplicates.list(p, 'contacts', q);
  }

  @Get('companies/duplicates')
  @RequirePermission('records.read')
  companyDuplicates(@CurrentPrincipal() p: Principal, @Query(new ZodValidationPipe(listDuplicatesQuerySchema)) q: ListDuplicatesQuery) {
    return this.duplicates.list(p, 'companies', q);
  }

  @Post('contacts/duplicates/dismiss')
  @HttpCode(204)
  @RequirePermission('records.write')
  async dismissContacts(@CurrentPrincipal() p: Principal, @Body(new ZodValidationPipe(dismissDuplicateSchema)) b: DismissDuplicateInput) {
    await this.duplicates.dismiss(p, 'contacts', b.ids as [string, string]);
  }

  @Post('companies/duplicates/dismiss')
  @HttpCode(204)
  @RequirePermission('records.write')
  async dismissCompanies(@CurrentPrincipal() p: Principal, @Body(new ZodValidationPipe(dismissDuplicateSchema)) b: DismissDuplicateInput) {
    await this.duplicates.dismiss(p, 'companies', b.ids as [string, string]);
  }

  @Post('contacts/merge')
  @HttpCode(200)
  @RequirePermission('records.delete')
  mergeContacts(@CurrentPrincipal() p: Principal, @Body(new ZodValidationPipe(mergeSchema)) b: MergeInput) {
    return this.merges.merge(p, 'contacts', b);
  }

  @Post('companies/merge')
  @HttpCode(200)
  @RequirePermission('records.delete')
  mergeCompanies(@CurrentPrincipal() p: Principal, @Body(new ZodValidationPipe(mergeSchema)) b: MergeInput) {
    return this.merges.merge(p, 'companies', b);
  }
}
