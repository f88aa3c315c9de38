import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'triggers', schema: 'workflow' })
export class TriggerEntity {
  @PrimaryColumn('uuid', { name: 'event_id' }) eventId!: string;
  @Column('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @Column('text', { name: 'event_type' }) eventType!: string;
  @Column('uuid', { name: 'subject_id' }) subjectId!: string;
  @Column('text', { name: 'subject_label' }) subjectLabel!: string;
  @Column({ type: 'timestamptz', name: 'observed_at' }) observedAt!: Date;
}
