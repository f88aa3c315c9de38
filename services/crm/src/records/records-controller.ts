import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res, type Type } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, ZodValidationPipe, type Principal } from '@meridian/platform';
import { aggregateQuerySchema, listQuerySchema, recordIdSchema, type AggregateQuery, type ListQuery } from './list-query.js';
import type { ObjectName } from './object-definition.js';
import type { AnyRecordsService } from './records.service.js';
import { bulkRequestSchema, type BulkRequest } from './bulk/bulk.schemas.js';
import { BulkService } from './bulk/bulk.service.js';

/**
 * The REST surface every object shares (`/api/v1/<object>`): list, aggregate, bulk,
 * create, read, patch, delete. One class per object, made here, so that routes, access
 * rules and validation are identical across contacts, companies and deals.
 */
export function recordsController<S extends AnyRecordsService>(object: ObjectName, service: Type<S>): Type<unknown> {
  @ApiTags(object)
  @ApiBearerAuth()
  @Controller(`api/v1/${object}`)
  class RecordsController {
    constructor(
      readonly records: S,
      readonly bulkJobs: BulkService,
    ) {}

    @Get()
    @RequirePermission('records.read')
    list(@CurrentPrincipal() p: Principal, @Query(new ZodValidationPipe(listQuerySchema)) query: ListQuery) {
      return this.records.list(p, query);
    }

    @Get('aggregate')
    @RequirePermission('records.read')
    aggregate(@CurrentPrincipal() p: Principal, @Query(new ZodValidationPipe(aggregateQuerySchema)) query: AggregateQuery) {
      return this.records.aggregate(p, query);
    }

    /** 200 `{ affected }` when run inline; 202 `{ jobId }` when queued as a job (docs/crm-api.md). */
    @Post('bulk')
    @HttpCode(200)
    @RequirePermission('records.write')
    async bulk(
      @CurrentPrincipal() p: Principal,
      @Body(new ZodValidationPipe(bulkRequestSchema)) request: BulkRequest,
      @Res({ passthrough: true }) res: Response,
    ) {
      const result = await this.bulkJobs.submit(p, object, request);
      if ('jobId' in result) res.status(202);
      return result;
    }

    @Get('bulk/:jobId')
    @RequirePermission('records.read')
    bulkJob(@CurrentPrincipal() p: Principal, @Param('jobId', new ZodValidationPipe(recordIdSchema)) jobId: string) {
      return this.bulkJobs.get(p, jobId);
    }

    @Post()
    @RequirePermission('records.write')
    create(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
      return this.records.create(p, new ZodValidationPipe(this.records.def.createSchema).transform(body));
    }

    @Get(':id')
    @RequirePermission('records.read')
    get(@CurrentPrincipal() p: Principal, @Param('id', new ZodValidationPipe(recordIdSchema)) id: string) {
      return this.records.get(p.workspaceId, id, p);
    }

    @Patch(':id')
    @RequirePermission('records.write')
    update(@CurrentPrincipal() p: Principal, @Param('id', new ZodValidationPipe(recordIdSchema)) id: string, @Body() body: unknown) {
      return this.records.update(p, id, new ZodValidationPipe(this.records.def.patchSchema).transform(body));
    }

    @Delete(':id')
    @HttpCode(204)
    @RequirePermission('records.delete')
    async remove(@CurrentPrincipal() p: Principal, @Param('id', new ZodValidationPipe(recordIdSchema)) id: string): Promise<void> {
      await this.records.remove(p, id);
    }
  }
  // Nest resolves constructor dependencies from metadata; the generic parameter is erased.
  Reflect.defineMetadata('design:paramtypes', [service, BulkService], RecordsController);
  Object.defineProperty(RecordsController, 'name', { value: `${object[0]!.toUpperCase()}${object.slice(1)}Controller` });
  return RecordsController;
}
