import { once } from 'node:events';
import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { z } from 'zod';
import { CurrentPrincipal, Origin, RequirePermission, ZodValidationPipe, type ClientOrigin, type Principal } from '@meridian/platform';
import { ExportsService } from './exports.service.js';
import { exportRequestSchema, type ExportRequest } from './dto/export.schemas.js';

/** CSV export of a view or a filter (docs/crm-api.md "Import and export"). */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('api/v1/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  /** Streams `text/csv`; validation problems are answered as problem+json before the first byte. */
  @Post()
  @RequirePermission('records.export')
  @ApiBody({ schema: z.toJSONSchema(exportRequestSchema, { io: 'input' }) as object })
  @ApiProduces('text/csv')
  async export(
    @CurrentPrincipal() principal: Principal,
    @Origin() origin: ClientOrigin,
    @Body(new ZodValidationPipe(exportRequestSchema)) body: ExportRequest,
    @Res() res: Response,
  ): Promise<void> {
    const stream = await this.exports.open(principal, body, origin);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${stream.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    // A BOM so spreadsheet apps read the file as UTF-8.
    const csv = stringify({ bom: true });
    csv.pipe(res);
    let closed = false;
    res.once('close', () => {
      closed = true;
    });
    try {
      csv.write(stream.header);
      for await (const page of stream.rows) {
        if (closed) break;
        for (const row of page) if (!csv.write(row)) await Promise.race([once(csv, 'drain'), once(res, 'close')]);
      }
    } catch (err) {
      // Headers are gone: the only honest signal left is a truncated response.
      res.destroy(err as Error);
      return;
    } finally {
      await stream.rows.return(undefined);
    }
    csv.end();
  }
}
