import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type Logger } from '@meridian/platform';
import { CHANNELS, channelsFrom } from './channels/channels.js';
import { ChannelsController } from './channels/channels.controller.js';
import type { CommunicationConfig } from './config.js';
import { EMAIL_TRANSPORT, type EmailTransport } from './messages/delivery/email-transport.js';
import { MessageEntity } from './messages/message.entity.js';
import { messagesExport } from './messages/message.export.js';
import { MessagesModule } from './messages/messages.module.js';
import { communicationMigrations } from './migrations/index.js';

@Module({})
export class CommunicationAppModule {
  static forRoot(config: CommunicationConfig, logger: Logger): DynamicModule {
    return {
      module: CommunicationAppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'communication',
          config,
          logger,
          entities: [MessageEntity],
          migrations: communicationMigrations,
          exports: [messagesExport],
        }),
        MessagesModule.forRoot(config),
      ],
      controllers: [ChannelsController],
      providers: [{ provide: CHANNELS, useFactory: (email: EmailTransport) => channelsFrom(email), inject: [EMAIL_TRANSPORT] }],
    };
  }
}
