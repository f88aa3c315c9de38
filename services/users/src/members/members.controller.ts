import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import { FieldPipe } from '../workspaces/field.pipe.js';
import {
  changeRoleSchema,
  listMembersQuerySchema,
  memberIdSchema,
  type ChangeRoleInput,
  type ListMembersQuery,
} from './dto/member.schemas.js';
import { MembersService } from './members.service.js';

const userIdPipe = new FieldPipe('userId', memberIdSchema);

@ApiTags('members')
@ApiBearerAuth()
@Controller('api/v1')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('members')
  @RequirePermission('members.read')
  list(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(listMembersQuerySchema)) query: ListMembersQuery) {
    return this.members.list(principal.workspaceId, query);
  }

  @Get('members/:userId')
  @RequirePermission('members.read')
  get(@CurrentPrincipal() principal: Principal, @Param('userId', userIdPipe) userId: string) {
    return this.members.get(principal.workspaceId, userId);
  }

  @Patch('members/:userId')
  @RequirePermission('members.manage')
  @ApiBody({ schema: z.toJSONSchema(changeRoleSchema, { io: 'input' }) as object })
  changeRole(
    @CurrentPrincipal() principal: Principal,
    @Param('userId', userIdPipe) userId: string,
    @Body(new ZodValidationPipe(changeRoleSchema)) input: ChangeRoleInput,
    @Origin() origin: ClientOrigin,
  ) {
    return this.members.changeRole(principal, userId, input.role, origin);
  }

  @Delete('members/:userId')
  @RequirePermission('members.manage')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('userId', userIdPipe) userId: string, @Origin() origin: ClientOrigin) {
    await this.members.remove(principal, userId, origin);
  }

  /** Any member may leave; the last owner may not. */
  @Post('workspaces/current/leave')
  @Authenticated()
  @HttpCode(204)
  async leave(@CurrentPrincipal() principal: Principal, @Origin() origin: ClientOrigin) {
    await this.members.leave(principal, origin);
  }
}
