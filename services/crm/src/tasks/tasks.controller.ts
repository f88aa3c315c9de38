import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, RequirePermission, ZodValidationPipe, type Principal } from '@meridian/platform';
import {
  createTaskSchema,
  listTasksQuerySchema,
  taskIdSchema,
  updateTaskSchema,
  type CreateTaskInput,
  type ListTasksQuery,
  type UpdateTaskInput,
} from './dto/task.schemas.js';
import { TasksService } from './tasks.service.js';

const taskId = new ZodValidationPipe(taskIdSchema);

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @RequirePermission('records.read')
  list(@CurrentPrincipal() p: Principal, @Query(new ZodValidationPipe(listTasksQuerySchema)) query: ListTasksQuery) {
    return this.tasks.list(p.workspaceId, query, p);
  }

  @Get(':id')
  @RequirePermission('records.read')
  get(@CurrentPrincipal() p: Principal, @Param('id', taskId) id: string) {
    return this.tasks.get(p.workspaceId, id, p);
  }

  @Post()
  @RequirePermission('records.write')
  @ApiBody({ schema: z.toJSONSchema(createTaskSchema, { io: 'input' }) as object })
  create(@CurrentPrincipal() p: Principal, @Body(new ZodValidationPipe(createTaskSchema)) input: CreateTaskInput) {
    return this.tasks.create(p.workspaceId, p.userId, input, undefined, p);
  }

  @Patch(':id')
  @RequirePermission('records.write')
  @ApiBody({ schema: z.toJSONSchema(updateTaskSchema, { io: 'input' }) as object })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', taskId) id: string,
    @Body(new ZodValidationPipe(updateTaskSchema)) input: UpdateTaskInput,
  ) {
    return this.tasks.update(p.workspaceId, id, input, p);
  }

  /** records.write to reach it; the service also requires the creator, the assignee or records.delete. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('records.write')
  async remove(@CurrentPrincipal() p: Principal, @Param('id', taskId) id: string) {
    await this.tasks.remove(p.workspaceId, id, p);
  }
}
