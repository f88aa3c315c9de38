import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportSummary {
  objects: { service: string; object: string; count: number }[];
  /** Services that were not reachable or not configured: the archive says so. */
  skipped: { service: string; reason: string }[];
}

@Entity({ name: 'workspace_exports', schema: 'users' })
export class WorkspaceExportEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @Column('uuid', { name: 'requested_by' }) requestedBy!: string;
  @Column('text') status!: ExportStatus;
  @Column('int') progress!: number;
  @Column('jsonb') summary!: ExportSummary;
  @Column({ type: 'text', name: 'file_path', nullable: true }) filePath!: string | null;
  @Column({ type: 'bigint', name: 'size_bytes', nullable: true }) sizeBytes!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt!: Date;
}
