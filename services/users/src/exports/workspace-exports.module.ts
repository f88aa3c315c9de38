import { type DynamicModule, Module } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.js';
import type { UsersConfig } from '../config.js';
import { EXPORT_TARGETS, exportTargetsFromConfig } from './export-targets.js';
import { WorkspaceExportEntity } from './workspace-export.entity.js';
import { EXPORTS_DIR, WorkspaceExportRunner } from './workspace-export.runner.js';
import { WorkspaceExportsController } from './workspace-exports.controller.js';
import { WorkspaceExportsService } from './workspace-exports.service.js';

/** Entities of this module, registered with the users data source. */
export const exportEntities = [WorkspaceExportEntity];

/** Workspace data export: job runner, REST, gRPC clients of every exporting service. */
@Module({})
export class WorkspaceExportsModule {
  static forRoot(config: UsersConfig): DynamicModule {
    return {
      module: WorkspaceExportsModule,
      controllers: [WorkspaceExportsController],
      providers: [
        { provide: EXPORT_TARGETS, useFactory: () => exportTargetsFromConfig(config) },
        { provide: EXPORTS_DIR, useValue: config.EXPORTS_DIR },
        WorkspaceExportRunner,
        WorkspaceExportsService,
        AuditLog,
      ],
    };
  }
}
