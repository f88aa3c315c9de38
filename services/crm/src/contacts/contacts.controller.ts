import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, ZodValidationPipe, type Principal, RequirePermission } from '@meridian/platform';
import { ContactsService } from './contacts.service.js';
import { contactMapper } from './contact.mapper.js';
import {
  contactIdSchema,
  createContactSchema,
  listContactsQuerySchema,
  type CreateContactInput,
  type ListContactsQuery,
} from './dto/contact.schemas.js';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/v1/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Post()
  @RequirePermission('records.write')
  @ApiBody({ schema: z.toJSONSchema(createContactSchema, { io: 'input' }) as object })
  create(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(createContactSchema)) input: CreateContactInput) {
    return this.contacts.create(principal, input);
  }

  @Get()
  @RequirePermission('records.read')
  list(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(listContactsQuerySchema)) query: ListContactsQuery) {
    return this.contacts.list(principal.workspaceId, query, principal);
  }

  @Get(':id')
  @RequirePermission('records.read')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', new ZodValidationPipe(contactIdSchema)) id: string) {
    return contactMapper.toDto(await this.contacts.get(principal.workspaceId, id, principal));
  }
}
