import { Module } from '@nestjs/common';
import { FieldsModule } from '../fields/fields.module.js';
import { BulkModule } from '../records/bulk/bulk.module.js';
import { recordsController } from '../records/records-controller.js';
import { CompaniesService } from './companies.service.js';

@Module({
  imports: [FieldsModule, BulkModule],
  controllers: [recordsController('companies', CompaniesService)],
  providers: [CompaniesService],
  exports: [CompaniesService],
})
export class CompaniesModule {}
