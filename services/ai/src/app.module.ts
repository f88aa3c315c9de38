import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type Logger } from '@meridian/platform';
import type { AiConfig } from './config.js';
import { aiMigrations } from './migrations/index.js';
import { MODEL_INFO, modelInfoFromConfig } from './models/model-info.js';
import { ModelsController } from './models/models.controller.js';

@Module({})
export class AiAppModule {
  static forRoot(config: AiConfig, logger: Logger): DynamicModule {
    return {
      module: AiAppModule,
      imports: [PlatformModule.forRoot({ service: 'ai', config, logger, entities: [], migrations: aiMigrations })],
      controllers: [ModelsController],
      providers: [{ provide: MODEL_INFO, useValue: modelInfoFromConfig(config) }],
    };
  }
}
