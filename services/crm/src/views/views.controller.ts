import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, RequirePermission, ZodValidationPipe, type Principal } from '@meridian/platform';
import {
  createViewSchema,
  listViewsQuerySchema,
  updateViewSchema,
  viewIdSchema,
  type CreateViewInput,
  type UpdateViewInput,
} from './dto/view.schemas.js';
import { ViewsService } from './views.service.js';

const viewId = new ZodValidationPipe(viewIdSchema);

/**
 * Every role may keep personal views (records.read); the service requires records.write to
 * share one and settings.manage to change someone else's shared view.
 */
@ApiTags('views')
@ApiBearerAuth()
@Controller('api/v1/views')
export class ViewsController {
  constructor(private readonly views: ViewsService) {}

  @Get()
  @RequirePermission('records.read')
  async list(
    @CurrentPrincipal() p: Principal,
    @Query(new ZodValidationPipe(listViewsQuerySchema)) query: z.infer<typeof listViewsQuerySchema>,
  ) {
    return { data: await this.views.list(p.workspaceId, query.object, p), nextCursor: null };
  }

  @Get(':id')
  @RequirePermission('records.read')
  get(@CurrentPrincipal() p: Principal, @Param('id', viewId) id: string) {
    return this.views.get(p.workspaceId, id, p);
  }

  @Post()
  @RequirePermission('records.read')
  @ApiBody({ schema: z.toJSONSchema(createViewSchema, { io: 'input' }) as object })
  create(@CurrentPrincipal() p: Principal, @Body(new ZodValidationPipe(createViewSchema)) input: CreateViewInput) {
    return this.views.create(p.workspaceId, p, input);
  }

  @Patch(':id')
  @RequirePermission('records.read')
  @ApiBody({ schema: z.toJSONSchema(updateViewSchema, { io: 'input' }) as object })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', viewId) id: string,
    @Body(new ZodValidationPipe(updateViewSchema)) input: UpdateViewInput,
  ) {
    return this.views.update(p.workspaceId, id, p, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('records.read')
  async remove(@CurrentPrincipal() p: Principal, @Param('id', viewId) id: string) {
    await this.views.remove(p.workspaceId, id, p);
  }
}
