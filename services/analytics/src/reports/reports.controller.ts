import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ZodValidationPipe, type Principal, RequirePermission } from '@meridian/platform';
import { ReportsService } from './reports.service.js';
import { contactsCreatedQuerySchema, type ContactsCreatedQuery } from './reports.schemas.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('contacts-created')
  @RequirePermission('reports.read')
  async contactsCreated(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(contactsCreatedQuerySchema)) query: ContactsCreatedQuery,
  ) {
    return { data: await this.reports.contactsCreated(principal.workspaceId, query.from) };
  }
}
