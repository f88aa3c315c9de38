import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RecordVisibility, Role } from '@meridian/platform';

/** Per-workspace settings; a workspace without a row uses the defaults. */
@Entity({ name: 'workspace_settings', schema: 'users' })
export class WorkspaceSettingsEntity {
  @PrimaryColumn('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @Column('integer', { name: 'audit_retention_days' }) auditRetentionDays!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy!: string | null;
}

/** A role's record visibility in one workspace, when it differs from the default. */
@Entity({ name: 'role_settings', schema: 'users' })
export class RoleSettingEntity {
  @PrimaryColumn('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @PrimaryColumn('text') role!: Role;
  @Column('text', { name: 'record_visibility' }) recordVisibility!: RecordVisibility;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy!: string | null;
}
