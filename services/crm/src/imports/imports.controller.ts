import { rm } from 'node:fs/promises';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, RequirePermission, ValidationError, ZodValidationPipe, parseOrThrow, type Principal } from '@meridian/platform';
import { ImportsService } from './imports.service.js';
import { diskSink, headSink, readMultipart } from './multipart-upload.js';
import {
  importFormSchema,
  importIdSchema,
  listImportsQuerySchema,
  previewFormSchema,
  type ListImportsQuery,
} from './dto/import.schemas.js';

const importId = new ZodValidationPipe(importIdSchema);
/** Enough of a file to show its first rows and suggest a mapping. */
const PREVIEW_BYTES = 1024 * 1024;

/** CSV import (docs/crm-api.md "Import and export"): upload, preview, progress, error file. */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** 202 with the queued import; 200 with the existing one for a repeated idempotencyKey. */
  @Post()
  @RequirePermission('records.import')
  @ApiConsumes('multipart/form-data')
  async create(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const upload = await readMultipart(req, this.imports.maxBytes, diskSink(this.imports.uploadDir));
    if (!upload.file) throw new ValidationError([{ field: 'file', message: 'Attach the CSV file as the "file" part.' }]);
    const file = upload.file;
    let form;
    try {
      form = parseOrThrow(importFormSchema, upload.fields);
    } catch (err) {
      await rm(file.path, { force: true });
      throw err;
    }
    const { import: created, created: isNew } = await this.imports.create(principal, form, file);
    res.status(isNew ? 202 : 200);
    return created;
  }

  @Post('preview')
  @HttpCode(200)
  @RequirePermission('records.import')
  @ApiConsumes('multipart/form-data')
  async preview(@Req() req: Request) {
    const upload = await readMultipart(req, this.imports.maxBytes, headSink(PREVIEW_BYTES));
    if (!upload.file) throw new ValidationError([{ field: 'file', message: 'Attach the CSV file as the "file" part.' }]);
    const form = parseOrThrow(previewFormSchema, upload.fields);
    return this.imports.preview(upload.file.head, upload.file.complete, form.object, form.createFields);
  }

  @Get()
  @RequirePermission('records.import')
  list(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(listImportsQuerySchema)) query: ListImportsQuery) {
    return this.imports.list(principal, query);
  }

  @Get(':id')
  @RequirePermission('records.import')
  get(@CurrentPrincipal() principal: Principal, @Param('id', importId) id: string) {
    return this.imports.get(principal, id);
  }

  @Get(':id/errors')
  @RequirePermission('records.import')
  async errors(@CurrentPrincipal() principal: Principal, @Param('id', importId) id: string, @Res() res: Response) {
    // Checked before any byte is sent, so a foreign id still gets a clean 404 problem.
    await this.imports.get(principal, id);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="import-${id}-errors.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    await this.imports.writeErrors(principal, id, res);
  }
}
