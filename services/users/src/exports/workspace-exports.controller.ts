import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, Origin, RequirePermission, ZodValidationPipe, type ClientOrigin, type Principal } from '@meridian/platform';
import { WorkspaceExportsService } from './workspace-exports.service.js';

const exportId = new ZodValidationPipe(z.string().uuid('Export ids are UUIDs.'));

/** Workspace data export: one archive with every service's data (owner only). */
@ApiTags('workspace exports')
@ApiBearerAuth()
@Controller('api/v1/workspaces/current/exports')
export class WorkspaceExportsController {
  constructor(private readonly exports: WorkspaceExportsService) {}

  @Post()
  @HttpCode(202)
  @RequirePermission('workspace.export')
  request(@CurrentPrincipal() principal: Principal, @Origin() origin: ClientOrigin) {
    return this.exports.request(principal, origin);
  }

  @Get()
  @RequirePermission('workspace.export')
  list(@CurrentPrincipal() principal: Principal) {
    return this.exports.list(principal);
  }

  @Get(':id')
  @RequirePermission('workspace.export')
  get(@CurrentPrincipal() principal: Principal, @Param('id', exportId) id: string) {
    return this.exports.get(principal, id);
  }

  @Get(':id/download')
  @RequirePermission('workspace.export')
  async download(@CurrentPrincipal() principal: Principal, @Param('id', exportId) id: string, @Res() res: Response) {
    const { path, fileName } = await this.exports.archive(principal, id);
    res.setHeader('Cache-Control', 'no-store');
    res.download(path, fileName);
  }
}
