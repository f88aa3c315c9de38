import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  CurrentPrincipal,
  Origin,
  Public,
  RequirePermission,
  ZodValidationPipe,
  type ClientOrigin,
  type Principal,
} from '@meridian/platform';
import { FieldPipe } from '../workspaces/field.pipe.js';
import {
  createInviteSchema,
  inviteIdSchema,
  inviteTokenParamSchema,
  listInvitesQuerySchema,
  newAccountSchema,
  type CreateInviteInput,
  type ListInvitesQuery,
} from './dto/invite.schemas.js';
import { InviteAcceptanceService } from './invite-acceptance.service.js';
import { InvitesService } from './invites.service.js';

const idPipe = new FieldPipe('id', inviteIdSchema);
const tokenPipe = new FieldPipe('token', inviteTokenParamSchema);

@ApiTags('invites')
@Controller('api/v1/invites')
export class InvitesController {
  constructor(
    private readonly invites: InvitesService,
    private readonly acceptance: InviteAcceptanceService,
  ) {}

  @Post()
  @ApiBearerAuth()
  @RequirePermission('members.manage')
  @ApiBody({ schema: z.toJSONSchema(createInviteSchema, { io: 'input' }) as object })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createInviteSchema)) input: CreateInviteInput,
    @Origin() origin: ClientOrigin,
  ) {
    return this.invites.create(principal, input, origin);
  }

  @Get()
  @ApiBearerAuth()
  @RequirePermission('members.manage')
  list(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(listInvitesQuerySchema)) query: ListInvitesQuery) {
    return this.invites.list(principal.workspaceId, query);
  }

  @Post(':id/resend')
  @ApiBearerAuth()
  @RequirePermission('members.manage')
  @HttpCode(200)
  resend(@CurrentPrincipal() principal: Principal, @Param('id', idPipe) id: string, @Origin() origin: ClientOrigin) {
    return this.invites.resend(principal, id, origin);
  }

  @Delete(':id')
  @ApiBearerAuth()
  @RequirePermission('members.manage')
  @HttpCode(204)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id', idPipe) id: string, @Origin() origin: ClientOrigin) {
    await this.invites.revoke(principal, id, origin);
  }

  /** What an invite link is for (the accept page shows it before asking anything). */
  @Get(':token')
  @Public()
  preview(@Param('token', tokenPipe) token: string) {
    return this.acceptance.preview(token);
  }

  /** Signed in (Authorization: Bearer): joins as that account. Otherwise `{ name, password }` creates the account. */
  @Post(':token/accept')
  @Public()
  @HttpCode(200)
  @ApiBody({ schema: z.toJSONSchema(newAccountSchema, { io: 'input' }) as object, required: false })
  accept(
    @Param('token', tokenPipe) token: string,
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
    @Origin() origin: ClientOrigin,
  ) {
    return this.acceptance.accept(token, authorization, body, origin);
  }
}
