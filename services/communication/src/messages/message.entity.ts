import { Column, Entity, PrimaryColumn } from 'typeorm';

export const EMAIL_CATEGORIES = ['verification', 'password_reset', 'invite', 'security_notice'] as const;
export type EmailCategoryName = (typeof EMAIL_CATEGORIES)[number];

export const MESSAGE_STATUSES = ['queued', 'sent', 'stored', 'failed'] as const;
/** queued: waiting for (another) attempt; sent: accepted by the SMTP server; stored: dev outbox; failed: gave up. */
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Categories whose body carries a single-use secret (a reset, verification or invite link). */
export const SECRET_BEARING: ReadonlySet<EmailCategoryName> = new Set(['verification', 'password_reset', 'invite']);

@Entity({ name: 'messages', schema: 'communication' })
export class MessageEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @Column('text') channel!: 'email';
  @Column('text') category!: EmailCategoryName;
  @Column('text', { name: 'to_address' }) to!: string;
  @Column('text', { name: 'from_address' }) from!: string;
  @Column('text') subject!: string;
  @Column('text', { name: 'text_body', nullable: true }) text!: string | null;
  @Column('text', { name: 'html_body', nullable: true }) html!: string | null;
  @Column('text') status!: MessageStatus;
  @Column('integer') attempts!: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('text', { name: 'provider_message_id', nullable: true }) providerMessageId!: string | null;
  @Column('text', { name: 'idempotency_key' }) idempotencyKey!: string;
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true }) nextAttemptAt!: Date | null;
  @Column('timestamptz', { name: 'locked_until', nullable: true }) lockedUntil!: Date | null;
  @Column('timestamptz', { name: 'body_purged_at', nullable: true }) bodyPurgedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at', update: false }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt!: Date | null;
}
