import { type DynamicModule, Module } from '@nestjs/common';
import type { CrmConfig } from '../config.js';
import { PipelinesModule } from '../pipelines/pipelines.module.js';
import { IMPORT_SETTINGS, importSettings } from './import-settings.js';
import { ImportWorker } from './import.worker.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

/** CSV import: REST (upload, preview, progress, errors) and the in-process import worker. */
@Module({})
export class ImportsModule {
  static forRoot(config: CrmConfig): DynamicModule {
    return {
      module: ImportsModule,
      imports: [PipelinesModule],
      controllers: [ImportsController],
      providers: [{ provide: IMPORT_SETTINGS, useValue: importSettings(config) }, ImportWorker, ImportsService],
    };
  }
}
