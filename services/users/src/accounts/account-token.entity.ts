import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AccountTokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

/** A single-use emailed link (verification, password reset, email change); only its hash is stored. */
@Entity({ name: 'account_tokens', schema: 'users' })
export class AccountTokenEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text') purpose!: AccountTokenPurpose;
  @Column('text', { name: 'token_hash' }) tokenHash!: string;
  /** The address the link was sent to (the new address for an email change). */
  @Column('text') email!: string;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
