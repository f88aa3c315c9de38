import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PlatformModule, tableExport, type Logger } from '@meridian/platform';
import { CRM_CONTACTS, CrmContactsClient } from './clients/crm-contacts.client.js';
import type { WorkflowConfig } from './config.js';
import { workflowMigrations } from './migrations/index.js';
import { ContactCreatedTrigger } from './triggers/contact-created.trigger.js';
import { ContactErasedHandler } from './triggers/contact-erased.handler.js';
import { TriggerEntity } from './triggers/trigger.entity.js';
import { TriggersGrpcController } from './triggers/triggers.grpc.js';

@Injectable()
class ClientsLifecycle implements OnApplicationShutdown {
  constructor(@Inject(CRM_CONTACTS) private readonly contacts: CrmContactsClient) {}
  onApplicationShutdown() {
    this.contacts.close();
  }
}

@Module({})
export class WorkflowAppModule {
  static forRoot(config: WorkflowConfig, logger: Logger): DynamicModule {
    return {
      module: WorkflowAppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'workflow',
          config,
          logger,
          entities: [TriggerEntity],
          migrations: workflowMigrations,
          subscribers: [ContactCreatedTrigger, ContactErasedHandler],
          exports: [tableExport('triggers', 'workflow', 'triggers', 'event_id')],
        }),
      ],
      controllers: [TriggersGrpcController],
      providers: [
        { provide: CRM_CONTACTS, useFactory: () => new CrmContactsClient(config.CRM_GRPC_URL, config.GRPC_DEADLINE_MS) },
        ClientsLifecycle,
        ContactCreatedTrigger,
        ContactErasedHandler,
      ],
    };
  }
}
