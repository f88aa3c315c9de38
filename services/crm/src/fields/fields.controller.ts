import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, RequirePermission, ZodValidationPipe, type Principal } from '@meridian/platform';
import { FieldsService } from './fields.service.js';
import {
  createFieldSchema,
  listFieldsQuerySchema,
  patchFieldSchema,
  type CreateFieldInput,
  type PatchFieldInput,
} from './dto/field.schemas.js';

const idSchema = z.string().uuid('Field ids are UUIDs.');

@ApiTags('fields')
@ApiBearerAuth()
@Controller('api/v1/fields')
export class FieldsController {
  constructor(private readonly fields: FieldsService) {}

  @Get()
  @RequirePermission('records.read')
  async list(
    @CurrentPrincipal() p: Principal,
    @Query(new ZodValidationPipe(listFieldsQuerySchema)) q: { object?: 'contacts' | 'companies' | 'deals' },
  ) {
    return { data: await this.fields.list(p.workspaceId, q.object) };
  }

  @Post()
  @RequirePermission('settings.manage')
  create(@CurrentPrincipal() p: Principal, @Body(new ZodValidationPipe(createFieldSchema)) input: CreateFieldInput) {
    return this.fields.create(p.workspaceId, input);
  }

  @Patch(':id')
  @RequirePermission('settings.manage')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', new ZodValidationPipe(idSchema)) id: string,
    @Body(new ZodValidationPipe(patchFieldSchema)) input: PatchFieldInput,
  ) {
    return this.fields.update(p.workspaceId, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('settings.manage')
  async remove(@CurrentPrincipal() p: Principal, @Param('id', new ZodValidationPipe(idSchema)) id: string): Promise<void> {
    await this.fields.remove(p.workspaceId, id);
  }
}
