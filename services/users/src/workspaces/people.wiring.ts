import type { Provider, Type } from '@nestjs/common';
import type { Logger } from '@meridian/platform';
import { ApiKeyEntity } from '../api-keys/api-key.entity.js';
import { ApiKeysController } from '../api-keys/api-keys.controller.js';
import { ApiKeysGrpcController } from '../api-keys/api-keys.grpc.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { AuditLogController } from '../audit/audit-log.controller.js';
import { AUDIT_RETENTION_OPTIONS, AuditRetention, type AuditRetentionOptions } from '../audit/audit-retention.js';
import { AuditViewerService } from '../audit/audit-viewer.service.js';
import type { UsersConfig } from '../config.js';
import { InviteAcceptanceService } from '../invites/invite-acceptance.service.js';
import { InviteEntity } from '../invites/invite.entity.js';
import { InviteMailer } from '../invites/invite-mailer.js';
import { InvitesController } from '../invites/invites.controller.js';
import { InvitesService } from '../invites/invites.service.js';
import { MembersController } from '../members/members.controller.js';
import { MembersService } from '../members/members.service.js';
import { RolesController } from './roles.controller.js';
import { RolesService } from './roles.service.js';
import { RoleSettingEntity, WorkspaceSettingsEntity } from './workspace-settings.entity.js';
import { WorkspacesController } from './workspaces.controller.js';
import { WorkspacesService } from './workspaces.service.js';

/**
 * Workspaces and people (members, invites, roles, API keys, audit viewer and retention),
 * spread into UsersAppModule: they share its SessionTokens and AuditLog providers.
 */
export const peopleEntities = [InviteEntity, ApiKeyEntity, WorkspaceSettingsEntity, RoleSettingEntity];

export const peopleControllers: Type<unknown>[] = [
  WorkspacesController,
  RolesController,
  MembersController,
  InvitesController,
  ApiKeysController,
  ApiKeysGrpcController,
  AuditLogController,
];

export function peopleProviders(config: UsersConfig, logger: Logger): Provider[] {
  const retention: AuditRetentionOptions = {
    intervalMs: config.AUDIT_PURGE_INTERVAL_MINUTES * 60_000,
    firstRunDelayMs: 30_000 + Math.floor(Math.random() * 30_000),
  };
  return [
    WorkspacesService,
    RolesService,
    MembersService,
    InvitesService,
    InviteAcceptanceService,
    ApiKeysService,
    AuditViewerService,
    AuditRetention,
    { provide: AUDIT_RETENTION_OPTIONS, useValue: retention },
    {
      provide: InviteMailer,
      useFactory: () =>
        new InviteMailer({
          address: config.COMMUNICATION_GRPC_URL,
          deadlineMs: config.GRPC_DEADLINE_MS,
          appUrl: config.PUBLIC_APP_URL,
          logger,
        }),
    },
  ];
}
