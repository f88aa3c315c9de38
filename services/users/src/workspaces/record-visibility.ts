import type { EntityManager } from 'typeorm';
import { DEFAULT_RECORD_VISIBILITY, type RecordVisibility, type Role } from '@meridian/platform';
import { RoleSettingEntity } from './workspace-settings.entity.js';

/** Which records `role` sees in a workspace (the access token's `vis` claim); runs in that workspace's transaction. */
export async function recordVisibilityFor(m: EntityManager, workspaceId: string, role: Role): Promise<RecordVisibility> {
  const setting = await m.findOneBy(RoleSettingEntity, { workspaceId, role });
  return setting?.recordVisibility ?? DEFAULT_RECORD_VISIBILITY[role];
}
