import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, RequirePermission, ZodValidationPipe, type Principal } from '@meridian/platform';
import { ActivitiesService } from './activities.service.js';
import {
  activityIdSchema,
  listActivitiesQuerySchema,
  logActivitySchema,
  updateActivitySchema,
  type ListActivitiesQuery,
  type LogActivityInput,
  type UpdateActivityInput,
} from './dto/activity.schemas.js';

const activityId = new ZodValidationPipe(activityIdSchema);

@ApiTags('activities')
@ApiBearerAuth()
@Controller('api/v1/activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @RequirePermission('records.read')
  timeline(@CurrentPrincipal() p: Principal, @Query(new ZodValidationPipe(listActivitiesQuerySchema)) query: ListActivitiesQuery) {
    return this.activities.timeline(p.workspaceId, query, p);
  }

  @Get(':id')
  @RequirePermission('records.read')
  get(@CurrentPrincipal() p: Principal, @Param('id', activityId) id: string) {
    return this.activities.get(p.workspaceId, id, p);
  }

  @Post()
  @RequirePermission('records.write')
  @ApiBody({ schema: z.toJSONSchema(logActivitySchema, { io: 'input' }) as object })
  log(@CurrentPrincipal() p: Principal, @Body(new ZodValidationPipe(logActivitySchema)) input: LogActivityInput) {
    return this.activities.log(p.workspaceId, p.userId, input, undefined, p);
  }

  @Patch(':id')
  @RequirePermission('records.write')
  @ApiBody({ schema: z.toJSONSchema(updateActivitySchema, { io: 'input' }) as object })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', activityId) id: string,
    @Body(new ZodValidationPipe(updateActivitySchema)) input: UpdateActivityInput,
  ) {
    return this.activities.update(p.workspaceId, id, input, p);
  }

  /** records.write to reach it; the service also requires the author or records.delete. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('records.write')
  async remove(@CurrentPrincipal() p: Principal, @Param('id', activityId) id: string) {
    await this.activities.remove(p.workspaceId, id, p);
  }
}
