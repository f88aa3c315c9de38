import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
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
  type Role,
} from '@meridian/platform';
import { roleParamSchema, updateRoleSchema, type UpdateRoleInput } from './dto/workspace.schemas.js';
import { FieldPipe } from './field.pipe.js';
import { RolesService } from './roles.service.js';

@ApiTags('roles')
@ApiBearerAuth()
@Controller('api/v1/roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  /** The permission matrix and each role's record visibility in the caller's workspace. */
  @Get()
  @Authenticated()
  matrix(@CurrentPrincipal() principal: Principal) {
    return this.roles.matrix(principal.workspaceId);
  }

  @Patch(':role')
  @RequirePermission('settings.manage')
  @ApiBody({ schema: z.toJSONSchema(updateRoleSchema, { io: 'input' }) as object })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('role', new FieldPipe('role', roleParamSchema)) role: Role,
    @Body(new ZodValidationPipe(updateRoleSchema)) input: UpdateRoleInput,
    @Origin() origin: ClientOrigin,
  ) {
    return this.roles.setRecordVisibility(principal, role, input.recordVisibility, origin);
  }
}
