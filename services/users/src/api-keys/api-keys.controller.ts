import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Origin, RequirePermission, ZodValidationPipe, type ClientOrigin, type Principal } from '@meridian/platform';
import { FieldPipe } from '../workspaces/field.pipe.js';
import { ApiKeysService } from './api-keys.service.js';
import {
  apiKeyIdSchema,
  createApiKeySchema,
  listApiKeysQuerySchema,
  type CreateApiKeyInput,
  type ListApiKeysQuery,
} from './dto/api-key.schemas.js';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** 201 with `key`: the only time the secret is shown. */
  @Post()
  @RequirePermission('apiKeys.manage')
  @ApiBody({ schema: z.toJSONSchema(createApiKeySchema, { io: 'input' }) as object })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createApiKeySchema)) input: CreateApiKeyInput,
    @Origin() origin: ClientOrigin,
  ) {
    return this.apiKeys.create(principal, input, origin);
  }

  @Get()
  @RequirePermission('apiKeys.manage')
  list(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(listApiKeysQuerySchema)) query: ListApiKeysQuery) {
    return this.apiKeys.list(principal.workspaceId, query);
  }

  @Delete(':id')
  @RequirePermission('apiKeys.manage')
  @HttpCode(204)
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new FieldPipe('id', apiKeyIdSchema)) id: string,
    @Origin() origin: ClientOrigin,
  ) {
    await this.apiKeys.revoke(principal, id, origin);
  }
}
