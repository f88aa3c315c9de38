import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  Authenticated,
  CurrentPrincipal,
  Origin,
  RequirePermission,
  ZodValidationPipe,
  type ClientOrigin,
  type Principal,
} from '@meridian/platform';
import {
  switchWorkspaceSchema,
  updateWorkspaceSettingsSchema,
  type SwitchWorkspaceInput,
  type UpdateWorkspaceSettingsInput,
} from './dto/workspace.schemas.js';
import { WorkspacesService } from './workspaces.service.js';

const body = (schema: z.ZodType) => ApiBody({ schema: z.toJSONSchema(schema, { io: 'input' }) as object });

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('api/v1')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Get('me/workspaces')
  @Authenticated()
  async mine(@CurrentPrincipal() principal: Principal) {
    return { data: await this.workspaces.listMine(principal), nextCursor: null };
  }

  @Post('auth/switch-workspace')
  @Authenticated()
  @HttpCode(200)
  @body(switchWorkspaceSchema)
  switch(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(switchWorkspaceSchema)) input: SwitchWorkspaceInput,
    @Origin() origin: ClientOrigin,
  ) {
    return this.workspaces.switchTo(principal, input.workspaceId, origin);
  }

  @Get('workspaces/current/settings')
  @RequirePermission('settings.manage')
  settings(@CurrentPrincipal() principal: Principal) {
    return this.workspaces.settings(principal.workspaceId);
  }

  @Patch('workspaces/current/settings')
  @RequirePermission('settings.manage')
  @body(updateWorkspaceSettingsSchema)
  updateSettings(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(updateWorkspaceSettingsSchema)) input: UpdateWorkspaceSettingsInput,
    @Origin() origin: ClientOrigin,
  ) {
    return this.workspaces.updateSettings(principal, input, origin);
  }
}
