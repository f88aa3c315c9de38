import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, ZodValidationPipe, type Principal } from '@meridian/platform';
import { listMessagesQuerySchema, messageIdSchema, type ListMessagesQuery } from './dto/message.schemas.js';
import { messageMapper } from './message.mapper.js';
import { MessagesService, type MessagePage } from './messages.service.js';

/**
 * The workspace's outbound messages (the dev outbox view, and delivery status with SMTP).
 * An admin tool: `settings.manage` (owner, admin).
 */
@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/v1/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @RequirePermission('settings.manage')
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(listMessagesQuerySchema)) query: ListMessagesQuery,
  ): Promise<MessagePage> {
    return this.messages.list(principal.workspaceId, query);
  }

  @Get(':id')
  @RequirePermission('settings.manage')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', new ZodValidationPipe(messageIdSchema)) id: string) {
    return messageMapper.toDto(await this.messages.get(principal.workspaceId, id));
  }
}
