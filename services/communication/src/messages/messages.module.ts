import { type DynamicModule, Module } from '@nestjs/common';
import type { CommunicationConfig } from '../config.js';
import { DELIVERY_SETTINGS, deliverySettings } from './delivery/delivery-settings.js';
import { EmailDeliveryWorker } from './delivery/email-delivery.worker.js';
import { createEmailTransport, EMAIL_TRANSPORT } from './delivery/email-transport.js';
import { EmailGrpcController } from './email.grpc.js';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';

/** Outbound messages: the EmailService RPC, the delivery worker and the messages API. */
@Module({})
export class MessagesModule {
  static forRoot(config: CommunicationConfig): DynamicModule {
    return {
      module: MessagesModule,
      controllers: [MessagesController, EmailGrpcController],
      providers: [
        { provide: DELIVERY_SETTINGS, useValue: deliverySettings(config) },
        { provide: EMAIL_TRANSPORT, useFactory: () => createEmailTransport(config) },
        EmailDeliveryWorker,
        MessagesService,
      ],
      exports: [EMAIL_TRANSPORT],
    };
  }
}
