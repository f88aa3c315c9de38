import { Inject, Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { ConflictError, LOGGER, TenantDatabase, ValidationError, type Logger, type Principal } from '@meridian/platform';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { AuthThrottle } from '../auth/auth-throttle.js';
import { passwordHasher } from '../auth/password-hasher.js';
import { SessionsService, requireUserSession } from '../sessions/sessions.service.js';
import { UserEntity } from '../users/user.entity.js';
import { AccountMailer } from './account-mailer.js';
import { AccountTokenEntity } from './account-token.entity.js';
import { accountTokens } from './account-tokens.js';
import type {
  ChangeEmailInput,
  ChangePasswordInput,
  PasswordResetConfirmInput,
  PasswordResetRequestInput,
  VerifyEmailInput,
} from './accounts.schemas.js';
import { Reauthentication } from './reauthentication.js';
import { auditForUser, workspacesOf } from './user-audit.js';

const BAD_LINK = 'This link is invalid, was already used, or has expired.';
const UNIQUE_VIOLATION = '23505';

/** The one answer to every reset request, whether or not the address has an account. */
export const PASSWORD_RESET_ACCEPTED = {
  message: 'If an account exists for this address, we have emailed a link to reset its password. The link expires in 30 minutes.',
};

/** Email verification, password reset and change, email change. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
    @Inject(AuthThrottle) private readonly throttle: AuthThrottle,
    @Inject(Reauthentication) private readonly reauth: Reauthentication,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AccountMailer) private readonly mailer: AccountMailer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Redeems a verification link: after sign-up it marks the address verified; after an email change it switches the address. */
  async verifyEmail(input: VerifyEmailInput, origin: RequestOrigin): Promise<{ email: string; emailVerified: true }> {
    await this.throttle.tokenLink(origin.ip ?? null);
    const outcome = await this.db.dataSource
      .transaction(async (m) => {
        const token = await accountTokens.redeem(m, input.token, ['verify_email', 'change_email']);
        if (!token) throw new ValidationError([{ field: 'token', message: BAD_LINK }], BAD_LINK);
        const user = await m.findOne(UserEntity, { where: { id: token.userId }, lock: { mode: 'pessimistic_write' } });
        if (!user) throw new ValidationError([{ field: 'token', message: BAD_LINK }], BAD_LINK);
        if (token.purpose === 'verify_email') {
          // A link for an address the account no longer uses verifies nothing.
          if (user.email.toLowerCase() !== token.email.toLowerCase())
            throw new ValidationError([{ field: 'token', message: BAD_LINK }], BAD_LINK);
          if (!user.emailVerifiedAt) await m.update(UserEntity, { id: user.id }, { emailVerifiedAt: new Date() });
          return { user, previousEmail: null };
        }
        await m.update(UserEntity, { id: user.id }, { email: token.email, emailVerifiedAt: new Date() });
        // Reset links went to the old address: they must not outlive it.
        await m.update(AccountTokenEntity, { userId: user.id, purpose: 'reset_password', usedAt: IsNull() }, { usedAt: new Date() });
        return { user: { ...user, email: token.email }, previousEmail: user.email };
      })
      .catch((err: unknown) => {
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
          throw new ConflictError('Another account already uses this email address.', [
            { field: 'token', message: 'Another account already uses this email address.' },
          ]);
        }
        throw err;
      });
    if (!outcome.previousEmail) {
      await auditForUser(this.db, this.audit, outcome.user.id, { action: 'auth.email_verified', actorUserId: outcome.user.id, ...origin });
    }
    if (outcome.previousEmail) {
      const { user, previousEmail } = outcome;
      await auditForUser(this.db, this.audit, user.id, {
        action: 'auth.email_changed',
        actorUserId: user.id,
        ...origin,
        metadata: { from: previousEmail, to: user.email },
      });
      const [workspaceId] = await workspacesOf(this.db, user.id);
      if (workspaceId)
        this.mailer.securityNotice(previousEmail, workspaceId, `The email address of your Meridian account was changed to ${user.email}.`);
    }
    return { email: outcome.user.email, emailVerified: true };
  }

  /** Sends the signed-in user a fresh verification link (the previous one stops working). */
  async resendVerification(principal: Principal): Promise<{ sent: true }> {
    requireUserSession(principal);
    await this.throttle.emailSend(principal.userId);
    const user = await this.reauth.user(principal.userId);
    if (user.emailVerifiedAt) throw new ConflictError('Your email address is already verified.');
    const token = await this.db.dataSource.transaction((m) => accountTokens.issue(m, user.id, 'verify_email', user.email));
    this.mailer.verifyEmail(user.email, user.name, token, principal.workspaceId, false);
    return { sent: true };
  }

  /**
   * Always the same 202, and the same timing: past the throttle, the work (lookup, token,
   * email) happens after the response, so neither body nor latency says whether the account exists.
   */
  async requestPasswordReset(input: PasswordResetRequestInput, origin: RequestOrigin): Promise<typeof PASSWORD_RESET_ACCEPTED> {
    await this.throttle.passwordReset(input.email, origin.ip ?? null);
    void this.sendPasswordReset(input.email).catch((err: unknown) =>
      this.logger.error({ err, context: 'AccountsService' }, 'Password reset request could not be processed'),
    );
    return PASSWORD_RESET_ACCEPTED;
  }

  /** Sets a new password from a reset link (single use, 30 min) and ends every session. */
  async confirmPasswordReset(input: PasswordResetConfirmInput, origin: RequestOrigin): Promise<void> {
    await this.throttle.tokenLink(origin.ip ?? null);
    const passwordHash = await passwordHasher.hash(input.password);
    const user = await this.db.dataSource.transaction(async (m) => {
      const token = await accountTokens.redeem(m, input.token, ['reset_password']);
      const found = token ? await m.findOneBy(UserEntity, { id: token.userId }) : null;
      if (!token || !found) throw new ValidationError([{ field: 'token', message: BAD_LINK }], BAD_LINK);
      // The link arrived at the account's address: that proves it, too.
      const proves = found.email.toLowerCase() === token.email.toLowerCase();
      await m.update(
        UserEntity,
        { id: found.id },
        { passwordHash, ...(proves && !found.emailVerifiedAt ? { emailVerifiedAt: new Date() } : {}) },
      );
      return found;
    });
    await this.sessions.endAllSessions(user.id, { reason: 'password_reset' });
    await auditForUser(this.db, this.audit, user.id, { action: 'auth.password_reset', actorUserId: user.id, ...origin });
    await this.notify(user, null, 'The password of your Meridian account was reset, and every session was signed out.');
  }

  /** Changes the password (current one required) and ends every other session. */
  async changePassword(principal: Principal, input: ChangePasswordInput, origin: RequestOrigin): Promise<void> {
    requireUserSession(principal);
    const user = await this.reauth.verifyPassword(principal.userId, input.currentPassword, 'currentPassword');
    const passwordHash = await passwordHasher.hash(input.newPassword);
    await this.db.dataSource.getRepository(UserEntity).update({ id: user.id }, { passwordHash });
    await this.db.dataSource
      .getRepository(AccountTokenEntity)
      .update({ userId: user.id, purpose: 'reset_password', usedAt: IsNull() }, { usedAt: new Date() });
    const ended = await this.sessions.endAllSessions(user.id, { except: principal.sessionId, reason: 'password_changed' });
    await auditForUser(this.db, this.audit, user.id, {
      action: 'auth.password_changed',
      actorUserId: user.id,
      ...origin,
      metadata: { otherSessionsEnded: ended },
    });
    await this.notify(
      user,
      principal.workspaceId,
      'The password of your Meridian account was changed, and your other sessions were signed out.',
    );
  }

  /**
   * Starts an email change (password required): the new address gets a link, the change
   * applies when it is followed. An address taken by another account gets the same answer
   * and no link, so this does not reveal which addresses have accounts.
   */
  async changeEmail(principal: Principal, input: ChangeEmailInput, origin: RequestOrigin): Promise<{ pendingEmail: string }> {
    requireUserSession(principal);
    const user = await this.reauth.verifyPassword(principal.userId, input.password);
    if (user.email.toLowerCase() === input.newEmail)
      throw new ValidationError([{ field: 'newEmail', message: 'This is already your email address.' }]);
    const taken = await this.findByEmail(this.db.dataSource.manager, input.newEmail);
    const token = await this.db.dataSource.transaction((m) => accountTokens.issue(m, user.id, 'change_email', input.newEmail));
    if (!taken) this.mailer.verifyEmail(input.newEmail, user.name, token, principal.workspaceId, true);
    this.mailer.securityNotice(
      user.email,
      principal.workspaceId,
      `Someone asked to change the email address of your Meridian account to ${input.newEmail}. Nothing changes unless that address confirms.`,
    );
    await this.audit.record({
      action: 'auth.email_changed',
      workspaceId: principal.workspaceId,
      actorUserId: user.id,
      ...origin,
      metadata: { stage: 'requested', to: input.newEmail },
    });
    return { pendingEmail: input.newEmail };
  }

  private async sendPasswordReset(email: string): Promise<void> {
    const user = await this.findByEmail(this.db.dataSource.manager, email);
    if (!user) return;
    const [workspaceId] = await workspacesOf(this.db, user.id);
    if (!workspaceId) {
      this.logger.warn({ context: 'AccountsService', userId: user.id }, 'Password reset not sent: the account belongs to no workspace');
      return;
    }
    const token = await this.db.dataSource.transaction((m) => accountTokens.issue(m, user.id, 'reset_password', user.email));
    this.mailer.passwordReset(user.email, user.name, token, workspaceId);
  }

  private findByEmail(m: EntityManager, email: string): Promise<UserEntity | null> {
    return m.getRepository(UserEntity).createQueryBuilder('u').where('lower(u.email) = :email', { email }).getOne();
  }

  private async notify(user: UserEntity, workspaceId: string | null, line: string): Promise<void> {
    const target = workspaceId ?? (await workspacesOf(this.db, user.id))[0];
    if (target) this.mailer.securityNotice(user.email, target, line);
  }
}
