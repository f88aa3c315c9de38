import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PlatformModule, type Logger } from '@meridian/platform';
import type { AnalyticsConfig } from './config.js';
import { ContactCreatedSubscriber } from './ingest/contact-created.subscriber.js';
import { ContactErasedSubscriber } from './ingest/contact-erased.subscriber.js';
import { analyticsMigrations } from './migrations/index.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsGrpcController } from './reports/reports.grpc.js';
import { ReportsService } from './reports/reports.service.js';
import { DuckDbWarehouse } from './warehouse/duckdb-warehouse.js';
import { WAREHOUSE, type Warehouse } from './warehouse/warehouse.js';

@Injectable()
class WarehouseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(WAREHOUSE) private readonly warehouse: Warehouse) {}
  async onApplicationShutdown() {
    await this.warehouse.close();
  }
}

async function* warehouseRows(warehouse: Promise<Warehouse>, workspaceId: string) {
  yield* (await warehouse).exportContactCreated(workspaceId);
}

@Module({})
export class AnalyticsAppModule {
  static forRoot(config: AnalyticsConfig, logger: Logger): DynamicModule {
    const warehouse = DuckDbWarehouse.open(config.DUCKDB_PATH);
    return {
      module: AnalyticsAppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'analytics',
          config,
          logger,
          entities: [],
          migrations: analyticsMigrations,
          subscribers: [ContactCreatedSubscriber, ContactErasedSubscriber],
          readiness: [{ name: 'warehouse', check: async () => (await warehouse).ping() }],
          exports: [{ object: 'contact_created_facts', rows: (workspaceId) => warehouseRows(warehouse, workspaceId) }],
        }),
      ],
      controllers: [ReportsController, ReportsGrpcController],
      providers: [
        { provide: WAREHOUSE, useFactory: () => warehouse },
        WarehouseLifecycle,
        ReportsService,
        ContactCreatedSubscriber,
        ContactErasedSubscriber,
      ],
    };
  }
}
