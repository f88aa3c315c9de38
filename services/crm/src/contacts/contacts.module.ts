import { Module } from '@nestjs/common';
import { FieldsModule } from '../fields/fields.module.js';
import { BulkModule } from '../records/bulk/bulk.module.js';
import { recordsController } from '../records/records-controller.js';
import { ContactsGrpcController } from './contacts.grpc.js';
import { ContactsService } from './contacts.service.js';

@Module({
  imports: [FieldsModule, BulkModule],
  controllers: [recordsController('contacts', ContactsService), ContactsGrpcController],
  providers: [ContactsService],
  exports: [ContactsService],
})
export class ContactsModule {}
