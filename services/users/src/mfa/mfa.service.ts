import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { IsNull, type EntityManager } from 'typeorm';
import { ConflictError, TenantDatabase, ValidationError, type Principal } from '@meridian/platform';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { AccountMailer } from '../accounts/account-mailer.js';
import { Reauthentication } from '../accounts/reauthentication.js';
import { auditForUser } from '../accounts/user-audit.js';
import { AuthThrottle } from '../auth/auth-throttle.js';
import { requireUserSession } from '../sessions/sessions.service.js';
import { MfaTotpEntity, RecoveryCodeEntity } from './mfa.entities.js';
import { newRecoveryCodes, RecoveryCodeHasher } from './recovery-codes.js';
import { SecretBox } from './secret-box.js';
import { looksLikeTotp, newTotpSecret, totpStep, totpUri } from './totp.js';

export type SecondFactor = 'totp' | 'recovery_code';

export interface MfaStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesRemaining: number;
}

export interface MfaEnrolment {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

/** Re-authentication for turning MFA off or replacing recovery codes. */
export interface MfaReauthInput {
  password?: string;
  code?: string;
}

const WRONG_CODE = 'The code is incorrect or was already used.';

/**
 * TOTP second factor: enrol (secret + QR), confirm (returns 10 single-use recovery codes),
 * disable and regenerate codes (re-authenticated). Secrets are sealed at rest (AES-GCM, bound
 * to the user); recovery codes are stored as keyed hashes; a TOTP code is accepted once.
 */
@Injectable()
export class MfaService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
    @Inject(SecretBox) private readonly box: SecretBox,
    @Inject(RecoveryCodeHasher) private readonly codeHasher: RecoveryCodeHasher,
    @Inject(AuthThrottle) private readonly throttle: AuthThrottle,
    @Inject(Reauthentication) private readonly reauth: Reauthentication,
    @Inject(AccountMailer) private readonly mailer: AccountMailer,
  ) {}

  async status(principal: Principal): Promise<MfaStatus> {
    requireUserSession(principal);
    const totp = await this.db.dataSource.getRepository(MfaTotpEntity).findOneBy({ userId: principal.userId });
    const enabled = Boolean(totp?.confirmedAt);
    const remaining = enabled
      ? await this.db.dataSource.getRepository(RecoveryCodeEntity).countBy({ userId: principal.userId, usedAt: IsNull() })
      : 0;
    return { enabled, enabledAt: totp?.confirmedAt?.toISOString() ?? null, recoveryCodesRemaining: remaining };
  }

  async isEnabled(userId: string): Promise<boolean> {
    const totp = await this.db.dataSource.getRepository(MfaTotpEntity).findOneBy({ userId });
    return Boolean(totp?.confirmedAt);
  }

  /** Starts (or restarts) enrolment: a new secret, pending until confirmed with a code. */
  async enrol(principal: Principal): Promise<MfaEnrolment> {
    requireUserSession(principal);
    const user = await this.reauth.user(principal.userId);
    const secret = newTotpSecret();
    await this.db.dataSource.transaction(async (m) => {
      // Row locks cannot serialise two first enrolments (there is no row yet): lock the user.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`mfa-enrol:${user.id}`]);
      const existing = await m.findOne(MfaTotpEntity, { where: { userId: user.id }, lock: { mode: 'pessimistic_write' } });
      if (existing?.confirmedAt) {
        throw new ConflictError('Two-factor authentication is already on. Turn it off before enrolling another authenticator.');
      }
      await m.delete(MfaTotpEntity, { userId: user.id });
      await m.insert(MfaTotpEntity, {
        userId: user.id,
        secretEncrypted: this.box.seal(secret, user.id),
        confirmedAt: null,
        lastUsedStep: 0,
        createdAt: new Date(),
      });
    });
    const otpauthUrl = totpUri(secret, user.email);
    const qrCodeDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
    return { secret, otpauthUrl, qrCodeDataUrl };
  }

  /** Turns MFA on with a first valid code; returns the recovery codes (shown once). */
  async confirm(principal: Principal, code: string, origin: RequestOrigin): Promise<{ recoveryCodes: string[] }> {
    requireUserSession(principal);
    await this.throttle.secondFactor(principal.userId, origin.ip ?? null);
    const user = await this.reauth.user(principal.userId);
    const recoveryCodes = await this.db.dataSource.transaction(async (m) => {
      const totp = await m.findOne(MfaTotpEntity, { where: { userId: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!totp) throw new ValidationError([{ field: 'code', message: 'Start enrolment first.' }]);
      if (totp.confirmedAt) throw new ConflictError('Two-factor authentication is already on.');
      const step = totpStep(this.box.open(totp.secretEncrypted, user.id), code);
      if (step === null) throw new ValidationError([{ field: 'code', message: WRONG_CODE }], WRONG_CODE);
      await m.update(MfaTotpEntity, { userId: user.id }, { confirmedAt: new Date(), lastUsedStep: step });
      return this.replaceRecoveryCodes(m, user.id);
    });
    await this.throttle.secondFactorSucceeded(user.id, origin.ip ?? null);
    await auditForUser(this.db, this.audit, user.id, {
      action: 'mfa.enabled',
      actorUserId: user.id,
      ...origin,
      metadata: { method: 'totp' },
    });
    this.mailer.securityNotice(user.email, principal.workspaceId, 'Two-factor authentication was turned on for your Meridian account.');
    return { recoveryCodes };
  }

  /** Turns MFA off: the password (when the account has one) and a current code or recovery code. */
  async disable(principal: Principal, input: MfaReauthInput, origin: RequestOrigin): Promise<void> {
    requireUserSession(principal);
    if (!(await this.isEnabled(principal.userId))) throw new ConflictError('Two-factor authentication is not on.');
    const user = await this.reauthenticate(principal.userId, input, origin);
    await this.db.dataSource.transaction(async (m) => {
      await m.delete(RecoveryCodeEntity, { userId: user.id });
      await m.delete(MfaTotpEntity, { userId: user.id });
    });
    await auditForUser(this.db, this.audit, user.id, { action: 'mfa.disabled', actorUserId: user.id, ...origin });
    this.mailer.securityNotice(user.email, principal.workspaceId, 'Two-factor authentication was turned off for your Meridian account.');
  }

  /** New recovery codes; the old ones stop working. */
  async regenerateRecoveryCodes(principal: Principal, input: MfaReauthInput, origin: RequestOrigin): Promise<{ recoveryCodes: string[] }> {
    requireUserSession(principal);
    if (!(await this.isEnabled(principal.userId))) throw new ConflictError('Two-factor authentication is not on.');
    const user = await this.reauthenticate(principal.userId, input, origin);
    const recoveryCodes = await this.db.dataSource.transaction((m) => this.replaceRecoveryCodes(m, user.id));
    await auditForUser(this.db, this.audit, user.id, { action: 'mfa.recovery_codes_regenerated', actorUserId: user.id, ...origin });
    this.mailer.securityNotice(
      user.email,
      principal.workspaceId,
      'New recovery codes were created for your Meridian account; the old ones no longer work.',
    );
    return { recoveryCodes };
  }

  /**
   * Checks a second factor of `userId`, throttled per user and IP: a TOTP code newer than the
   * last one accepted, or an unused recovery code (then spent). Null when it does not match.
   */
  async verify(userId: string, code: string, ip: string | null): Promise<SecondFactor | null> {
    await this.throttle.secondFactor(userId, ip);
    const factor = await this.check(userId, code);
    if (factor) await this.throttle.secondFactorSucceeded(userId, ip);
    return factor;
  }

  private async check(userId: string, code: string): Promise<SecondFactor | null> {
    const repo = this.db.dataSource.getRepository(MfaTotpEntity);
    const totp = await repo.findOneBy({ userId });
    if (!totp?.confirmedAt) return null;
    if (looksLikeTotp(code)) {
      const step = totpStep(this.box.open(totp.secretEncrypted, userId), code);
      if (step === null) return null;
      // Atomic: of two requests with the same code, one wins; an older step never passes again.
      const [, accepted] = (await this.db.dataSource.query(
        `UPDATE users.mfa_totp SET last_used_step = $2 WHERE user_id = $1 AND confirmed_at IS NOT NULL AND last_used_step < $2`,
        [userId, step],
      )) as [unknown, number];
      return accepted === 1 ? 'totp' : null;
    }
    const [, spent] = (await this.db.dataSource.query(
      `UPDATE users.mfa_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
      [userId, this.codeHasher.hash(code)],
    )) as [unknown, number];
    return spent === 1 ? 'recovery_code' : null;
  }

  /** Password (if the account has one) plus a second factor when MFA is on. */
  private async reauthenticate(userId: string, input: MfaReauthInput, origin: RequestOrigin) {
    const user = await this.reauth.user(userId);
    if (user.passwordHash || input.password) await this.reauth.verifyPassword(userId, input.password);
    if (!input.code)
      throw new ValidationError([{ field: 'code', message: 'Enter a code from your authenticator app or a recovery code.' }]);
    if (!(await this.verify(userId, input.code, origin.ip ?? null))) {
      await auditForUser(this.db, this.audit, userId, {
        action: 'auth.mfa',
        outcome: 'failure',
        actorUserId: userId,
        ...origin,
        metadata: { purpose: 'reauthentication' },
      });
      throw new ValidationError([{ field: 'code', message: WRONG_CODE }], WRONG_CODE);
    }
    return user;
  }

  private async replaceRecoveryCodes(m: EntityManager, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await m.delete(RecoveryCodeEntity, { userId });
    const now = new Date();
    await m.insert(
      RecoveryCodeEntity,
      codes.map((c) => ({ id: randomUUID(), userId, codeHash: this.codeHasher.hash(c), usedAt: null, createdAt: now })),
    );
    return codes;
  }
}
