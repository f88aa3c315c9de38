import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, ZodValidationPipe, type Principal } from '@meridian/platform';
import { AuditViewerService } from './audit-viewer.service.js';
import { auditQuerySchema, type AuditQuery } from './dto/audit-query.schemas.js';

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('api/v1/audit-log')
export class AuditLogController {
  constructor(private readonly viewer: AuditViewerService) {}

  /** `?action=&actorUserId=&outcome=&from=&to=&limit=&cursor=`, newest first. */
  @Get()
  @RequirePermission('audit.read')
  list(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(auditQuerySchema)) query: AuditQuery) {
    return this.viewer.list(principal.workspaceId, query);
  }
}
