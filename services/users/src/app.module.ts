import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AccessTokenVerifier, PlatformModule, type Logger } from '@meridian/platform';
import { AuditEntryEntity } from './audit/audit-entry.entity.js';
import { AuditLog } from './audit/audit-log.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { identityControllers, identityEntities, identityProviders } from './auth/identity.js';
import { RefreshTokenEntity } from './auth/refresh-token.entity.js';
import { SessionTokens } from './auth/session-tokens.js';
import type { UsersConfig } from './config.js';
import { SigningKeyStore } from './keys/signing-key.store.js';
import { usersMigrations } from './migrations/index.js';
import { PreferencesModule } from './preferences/preferences.module.js';
import { exportEntities, WorkspaceExportsModule } from './exports/workspace-exports.module.js';
import { UserEntity } from './users/user.entity.js';
import { MembershipEntity, WorkspaceEntity } from './workspaces/workspace.entity.js';
import { peopleControllers, peopleEntities, peopleProviders } from './workspaces/people.wiring.js';
import { WorkspacesGrpcController } from './workspaces/workspaces.grpc.js';

@Injectable()
class KeyStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SigningKeyStore) private readonly keys: SigningKeyStore) {}
  async onApplicationShutdown() {
    await this.keys.close();
  }
}

@Module({})
export class UsersAppModule {
  static forRoot(config: UsersConfig, logger: Logger): DynamicModule {
    // One key store for signing and for verifying our own tokens locally (no JWKS round trip).
    const keys = new SigningKeyStore(config.DATABASE_URL, config.AUTH_SIGNING_KEY_SECRET);
    return {
      module: UsersAppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'users',
          config,
          logger,
          entities: [
            UserEntity,
            WorkspaceEntity,
            MembershipEntity,
            RefreshTokenEntity,
            AuditEntryEntity,
            ...exportEntities,
            ...peopleEntities,
            ...identityEntities,
          ],
          migrations: usersMigrations,
          tokenVerifier: () =>
            new AccessTokenVerifier({ keys: keys.verificationKeys, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE }),
        }),
        PreferencesModule.forRoot(config),
        WorkspaceExportsModule.forRoot(config),
      ],
      controllers: [AuthController, WorkspacesGrpcController, ...peopleControllers, ...identityControllers],
      providers: [
        { provide: SigningKeyStore, useValue: keys },
        {
          provide: SessionTokens,
          useValue: new SessionTokens(keys, {
            issuer: config.AUTH_ISSUER,
            audience: config.AUTH_AUDIENCE,
            accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
            refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
            familyMaxDays: config.REFRESH_FAMILY_MAX_DAYS,
          }),
        },
        AuthService,
        AuditLog,
        KeyStoreLifecycle,
        ...peopleProviders(config, logger),
        ...identityProviders(config, logger),
      ],
    };
  }
}
