import { Module } from '@nestjs/common';
import { FieldsModule } from '../fields/fields.module.js';
import { PipelinesModule } from '../pipelines/pipelines.module.js';
import { BulkModule } from '../records/bulk/bulk.module.js';
import { recordsController } from '../records/records-controller.js';
import { DealsService } from './deals.service.js';

@Module({
  imports: [FieldsModule, PipelinesModule, BulkModule],
  controllers: [recordsController('deals', DealsService)],
  providers: [DealsService],
  exports: [DealsService],
})
export class DealsModule {}
