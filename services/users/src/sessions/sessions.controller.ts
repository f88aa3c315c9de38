import { Controller, Delete, Get, HttpCode, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Origin, type ClientOrigin, type Principal } from '@meridian/platform';
import { SessionsService } from './sessions.service.js';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('api/v1/me/sessions')
export class SessionsController {
  constructor(@Inject(SessionsService) private readonly sessions: SessionsService) {}

  @Authenticated()
  @Get()
  async list(@CurrentPrincipal() principal: Principal) {
    return { data: await this.sessions.list(principal), nextCursor: null };
  }

  @Authenticated()
  @Delete()
  @HttpCode(200)
  async revokeOthers(@CurrentPrincipal() principal: Principal, @Origin() origin: ClientOrigin) {
    return { revoked: await this.sessions.revokeOthers(principal, origin) };
  }

  @Authenticated()
  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Origin() origin: ClientOrigin) {
    await this.sessions.revoke(principal, id, origin);
  }
}
