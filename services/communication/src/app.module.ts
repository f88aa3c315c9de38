import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type Logger } from '@meridian/platform';
import { CHANNELS, channelsFromConfig } from './channels/channels.js';
import { ChannelsController } from './channels/channels.controller.js';
import type { CommunicationConfig } from './config.js';
import { communicationMigrations } from './migrations/index.js';

@Module({})
export class CommunicationAppModule {
  static forRoot(config: CommunicationConfig, logger: Logger): DynamicModule {
    return {
      module: CommunicationAppModule,
      imports: [PlatformModule.forRoot({ service: 'communication', config, logger, entities: [], migrations: communicationMigrations })],
      controllers: [ChannelsController],
      providers: [{ provide: CHANNELS, useValue: channelsFromConfig(config) }],
    };
  }
}
