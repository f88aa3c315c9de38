import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'audit_log', schema: 'users' })
export class AuditEntryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'workspace_id', nullable: true }) workspaceId!: string | null;
  @Column({ type: 'uuid', name: 'actor_user_id', nullable: true }) actorUserId!: string | null;
  @Column({ type: 'uuid', name: 'actor_api_key_id', nullable: true }) actorApiKeyId!: string | null;
  @Column('text') action!: string;
  @Column('text') outcome!: 'success' | 'failure';
  @Column({ type: 'text', name: 'target_type', nullable: true }) targetType!: string | null;
  @Column({ type: 'text', name: 'target_id', nullable: true }) targetId!: string | null;
  @Column({ type: 'inet', nullable: true }) ip!: string | null;
  @Column({ type: 'text', name: 'user_agent', nullable: true }) userAgent!: string | null;
  @Column('jsonb') metadata!: Record<string, unknown>;
  @Column({ type: 'timestamptz', name: 'occurred_at' }) occurredAt!: Date;
}
