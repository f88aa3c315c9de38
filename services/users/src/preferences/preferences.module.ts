import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TenantDatabase } from '@meridian/platform';
import type { UsersConfig } from '../config.js';
import { FirestorePreferenceStore } from './firestore-preference-store.js';
import { PostgresPreferenceStore } from './postgres-preference-store.js';
import { PREFERENCE_STORE, type PreferenceStore } from './preference-store.js';
import { PreferencesController } from './preferences.controller.js';

@Injectable()
class PreferenceStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PREFERENCE_STORE) private readonly store: PreferenceStore) {}
  async onApplicationShutdown() {
    await this.store.close();
  }
}

/** User preferences behind one interface: Postgres by default, Firestore when configured. */
@Module({})
export class PreferencesModule {
  static forRoot(config: UsersConfig): DynamicModule {
    return {
      module: PreferencesModule,
      controllers: [PreferencesController],
      providers: [
        {
          provide: PREFERENCE_STORE,
          useFactory: (db: TenantDatabase): PreferenceStore =>
            config.PREFERENCES_STORE === 'firestore'
              ? new FirestorePreferenceStore({
                  projectId: config.FIRESTORE_PROJECT_ID,
                  ...(config.FIRESTORE_DATABASE_ID ? { databaseId: config.FIRESTORE_DATABASE_ID } : {}),
                })
              : new PostgresPreferenceStore(db),
          inject: [TenantDatabase],
        },
        PreferenceStoreLifecycle,
      ],
      exports: [PREFERENCE_STORE],
    };
  }
}
