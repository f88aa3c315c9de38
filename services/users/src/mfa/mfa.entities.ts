import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's TOTP authenticator; `confirmedAt` null while enrolment is pending. */
@Entity({ name: 'mfa_totp', schema: 'users' })
export class MfaTotpEntity {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column('text', { name: 'secret_encrypted' }) secretEncrypted!: string;
  @Column('timestamptz', { name: 'confirmed_at', nullable: true }) confirmedAt!: Date | null;
  /** The newest time step accepted: a code of this step or older is a replay. */
  @Column('bigint', { name: 'last_used_step', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  lastUsedStep!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'mfa_recovery_codes', schema: 'users' })
export class RecoveryCodeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text', { name: 'code_hash' }) codeHash!: string;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

/** The second step of a log-in: issued after the password (or Firebase) step, single use. */
@Entity({ name: 'mfa_challenges', schema: 'users' })
export class MfaChallengeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text', { name: 'token_hash' }) tokenHash!: string;
  /** How the first step was passed: `password` or `firebase`. */
  @Column('text') method!: string;
  @Column('integer') attempts!: number;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'consumed_at', nullable: true }) consumedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
