import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, RequirePermission, ZodValidationPipe, type Principal } from '@meridian/platform';
import {
  createPipelineSchema,
  createStageSchema,
  deleteStageQuerySchema,
  pipelineIdSchema,
  stageIdSchema,
  updatePipelineSchema,
  updateStageSchema,
  type CreatePipelineInput,
  type CreateStageInput,
  type UpdatePipelineInput,
  type UpdateStageInput,
} from './dto/pipeline.schemas.js';
import { PipelineStagesService } from './pipeline-stages.service.js';
import { PipelinesService } from './pipelines.service.js';

const pipelineId = new ZodValidationPipe(pipelineIdSchema);
const stageId = new ZodValidationPipe(stageIdSchema);
const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input' }) as object;

@ApiTags('pipelines')
@ApiBearerAuth()
@Controller('api/v1/pipelines')
export class PipelinesController {
  constructor(
    private readonly pipelines: PipelinesService,
    private readonly stages: PipelineStagesService,
  ) {}

  @Get()
  @RequirePermission('records.read')
  async list(@CurrentPrincipal() p: Principal) {
    return { data: await this.pipelines.list(p.workspaceId), nextCursor: null };
  }

  @Get(':id')
  @RequirePermission('records.read')
  get(@CurrentPrincipal() p: Principal, @Param('id', pipelineId) id: string) {
    return this.pipelines.get(p.workspaceId, id);
  }

  @Post()
  @RequirePermission('settings.manage')
  @ApiBody({ schema: schema(createPipelineSchema) })
  create(@CurrentPrincipal() p: Principal, @Body(new ZodValidationPipe(createPipelineSchema)) input: CreatePipelineInput) {
    return this.pipelines.create(p.workspaceId, input);
  }

  @Patch(':id')
  @RequirePermission('settings.manage')
  @ApiBody({ schema: schema(updatePipelineSchema) })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', pipelineId) id: string,
    @Body(new ZodValidationPipe(updatePipelineSchema)) input: UpdatePipelineInput,
  ) {
    return this.pipelines.update(p.workspaceId, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('settings.manage')
  async remove(@CurrentPrincipal() p: Principal, @Param('id', pipelineId) id: string) {
    await this.pipelines.remove(p.workspaceId, id);
  }

  @Post(':id/stages')
  @RequirePermission('settings.manage')
  @ApiBody({ schema: schema(createStageSchema) })
  addStage(
    @CurrentPrincipal() p: Principal,
    @Param('id', pipelineId) id: string,
    @Body(new ZodValidationPipe(createStageSchema)) input: CreateStageInput,
  ) {
    return this.stages.add(p.workspaceId, id, input);
  }

  @Patch(':id/stages/:stageId')
  @RequirePermission('settings.manage')
  @ApiBody({ schema: schema(updateStageSchema) })
  updateStage(
    @CurrentPrincipal() p: Principal,
    @Param('id', pipelineId) id: string,
    @Param('stageId', stageId) stage: string,
    @Body(new ZodValidationPipe(updateStageSchema)) input: UpdateStageInput,
  ) {
    return this.stages.update(p.workspaceId, id, stage, input);
  }

  @Delete(':id/stages/:stageId')
  @RequirePermission('settings.manage')
  removeStage(
    @CurrentPrincipal() p: Principal,
    @Param('id', pipelineId) id: string,
    @Param('stageId', stageId) stage: string,
    @Query(new ZodValidationPipe(deleteStageQuerySchema)) query: z.infer<typeof deleteStageQuerySchema>,
  ) {
    return this.stages.remove(p.workspaceId, id, stage, query.moveTo);
  }
}
