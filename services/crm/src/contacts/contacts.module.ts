import { Module } from '@nestjs/common';
import { ContactsController } from './contacts.controller.js';
import { ContactsGrpcController } from './contacts.grpc.js';
import { ContactsService } from './contacts.service.js';

@Module({
  controllers: [ContactsController, ContactsGrpcController],
  providers: [ContactsService],
  exports: [ContactsService],
})
export class ContactsModule {}
