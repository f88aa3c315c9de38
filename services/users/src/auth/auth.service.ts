import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { ConflictError, DomainEvents, TenantDatabase, UnauthenticatedError, type Principal, type Role } from '@meridian/platform';
import type { WorkspaceCreated } from '@meridian/proto/users/v1/users_events';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { AccountMailer } from '../accounts/account-mailer.js';
import { accountTokens } from '../accounts/account-tokens.js';
import { auditForUser } from '../accounts/user-audit.js';
import { MfaChallenges } from '../mfa/mfa-challenges.js';
import { MfaService } from '../mfa/mfa.service.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { MembershipEntity, WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { AuthThrottle } from './auth-throttle.js';
import { passwordHasher } from './password-hasher.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import type { LogInInput, MfaLogInInput, SignUpInput } from './auth.schemas.js';
import { hashToken, parseRefreshToken, SessionTokens, type TokenPair } from './session-tokens.js';

export interface AuthResult extends TokenPair {
  user: { id: string; email: string; name: string };
  workspace: { id: string; name: string };
  role: Role;
}

/** The password (or identity provider) step passed; the second factor is still due. */
export interface MfaRequired {
  mfaRequired: true;
  mfaToken: string;
}

export type SignInResult = AuthResult | MfaRequired;

export interface MeResult {
  user: {
    id: string;
    email: string;
    name: string;
    emailVerified: boolean;
    pendingEmail: string | null;
    mfaEnabled: boolean;
    hasPassword: boolean;
  };
  workspace: { id: string; name: string };
  role: Role;
}

/** A new account with its first workspace (sign-up, first Firebase sign-in). */
export interface NewAccount {
  email: string;
  name: string;
  workspaceName: string;
  passwordHash: string | null;
  emailVerified: boolean;
}

const BAD_CREDENTIALS = 'The email or password is incorrect.';
const BAD_REFRESH = 'The refresh token is invalid or expired.';
const BAD_MFA = 'The code is incorrect or was already used.';
const EXPIRED_MFA = 'This sign-in attempt has expired. Sign in again.';
const UNIQUE_VIOLATION = '23505';

const withoutRefreshId = ({ refreshId: _id, ...rest }: AuthResult & { refreshId: string }): AuthResult => rest;

/** Sign-up, log-in (with the MFA step), refresh rotation with reuse detection, log-out. */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly events: DomainEvents,
    @Inject(SessionTokens) private readonly tokens: SessionTokens,
    private readonly audit: AuditLog,
    @Inject(AuthThrottle) private readonly throttle: AuthThrottle,
    @Inject(MfaService) private readonly mfa: MfaService,
    @Inject(MfaChallenges) private readonly challenges: MfaChallenges,
    @Inject(AccountMailer) private readonly mailer: AccountMailer,
  ) {}

  async signUp(input: SignUpInput, origin: RequestOrigin = {}): Promise<AuthResult> {
    const passwordHash = await passwordHasher.hash(input.password);
    return this.createAccount({ ...input, passwordHash, emailVerified: false }, origin);
  }

  /**
   * Creates a user, their workspace (owner) and a first session. An unverified address gets
   * a verification link (24 h). `link` runs in the same transaction (e.g. an external identity).
   */
  async createAccount(
    input: NewAccount,
    origin: RequestOrigin,
    link?: (m: EntityManager, userId: string) => Promise<void>,
  ): Promise<AuthResult> {
    const userId = randomUUID();
    const workspaceId = randomUUID();
    let verification: { id: string; token: string } | undefined;
    let result: AuthResult;
    try {
      result = await this.db.inWorkspace(workspaceId, async (m) => {
        const user = await m.save(
          m.create(UserEntity, {
            id: userId,
            email: input.email,
            name: input.name,
            passwordHash: input.passwordHash,
            emailVerifiedAt: input.emailVerified ? new Date() : null,
          }),
        );
        const workspace = await m.save(m.create(WorkspaceEntity, { id: workspaceId, name: input.workspaceName }));
        await m.insert(MembershipEntity, { workspaceId, userId, role: 'owner' });
        await link?.(m, userId);
        await this.events.record<WorkspaceCreated>(m, {
          type: 'users.workspace.created.v1',
          workspaceId,
          subject: workspaceId,
          data: { workspaceId, name: workspace.name, ownerUserId: userId },
        });
        if (!input.emailVerified) verification = await accountTokens.issue(m, userId, 'verify_email', input.email);
        return withoutRefreshId(await this.result(m, user, workspace, 'owner', { origin }));
      });
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictError('An account with this email already exists.', [
          { field: 'email', message: 'This email is already registered.' },
        ]);
      }
      throw err;
    }
    if (verification) this.mailer.verifyEmail(input.email, input.name, verification, workspaceId, false);
    return result;
  }

  /** Email + password; throttled per account and IP before any work, the same for unknown emails. */
  async logIn(input: LogInInput, origin: RequestOrigin = {}): Promise<SignInResult> {
    await this.throttle.login(input.email, origin.ip ?? null);
    const user = await this.db.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = :email', { email: input.email })
      .getOne();
    const ok = user?.passwordHash
      ? await passwordHasher.verify(user.passwordHash, input.password)
      : await passwordHasher.verifyDecoy(input.password);
    if (!user || !ok) {
      await this.auditLoginFailure(user, input.email, origin);
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    await this.throttle.loginSucceeded(input.email, origin.ip ?? null);
    return this.signInVerifiedUser(user, origin, 'password');
  }

  /**
   * The first factor is proven (password or identity provider): a session in the user's
   * first workspace, or an MFA challenge when the user has a second factor.
   */
  async signInVerifiedUser(user: UserEntity, origin: RequestOrigin, method: 'password' | 'firebase'): Promise<SignInResult> {
    const membership = await this.firstMembership(user.id);
    if (!membership) throw new UnauthenticatedError(BAD_CREDENTIALS);
    if (await this.mfa.isEnabled(user.id)) {
      return { mfaRequired: true, mfaToken: await this.challenges.create(user.id, method) };
    }
    return this.startSession(user, membership, origin, { method });
  }

  /** The second step: a TOTP code or a recovery code for the challenge → tokens. */
  async completeMfa(input: MfaLogInInput, origin: RequestOrigin = {}): Promise<AuthResult> {
    const challenge = await this.challenges.find(input.mfaToken);
    if (!challenge) throw new UnauthenticatedError(EXPIRED_MFA);
    const factor = await this.mfa.verify(challenge.userId, input.code, origin.ip ?? null);
    if (!factor) {
      await this.challenges.recordFailure(challenge.id);
      await auditForUser(this.db, this.audit, challenge.userId, {
        action: 'auth.mfa',
        outcome: 'failure',
        actorUserId: challenge.userId,
        ...origin,
      });
      throw new UnauthenticatedError(BAD_MFA);
    }
    if (!(await this.challenges.consume(challenge.id))) throw new UnauthenticatedError(EXPIRED_MFA);
    const user = await this.db.dataSource.getRepository(UserEntity).findOneBy({ id: challenge.userId });
    const membership = user ? await this.firstMembership(user.id) : null;
    if (!user || !membership) throw new UnauthenticatedError(EXPIRED_MFA);
    return this.startSession(user, membership, origin, { method: challenge.method, mfa: factor });
  }

  /** Rotates a refresh token; a replayed (already rotated) token revokes its whole family. */
  async refresh(refreshToken: string, origin: RequestOrigin = {}): Promise<AuthResult> {
    const { workspaceId } = parseRefreshToken(refreshToken);
    const outcome = await this.db.inWorkspace(workspaceId, async (m) => {
      const current = await m.findOne(RefreshTokenEntity, {
        where: { tokenHash: hashToken(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) return { kind: 'invalid' as const };
      if (current.revokedAt) {
        await m.update(RefreshTokenEntity, { familyId: current.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        const ended = await m.update(
          SessionEntity,
          { id: current.familyId, revokedAt: IsNull() },
          { revokedAt: new Date(), revokedReason: 'refresh_token_reused' },
        );
        return { kind: 'reused' as const, userId: current.userId, familyId: current.familyId, ended: (ended.affected ?? 0) > 0 };
      }
      if (current.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      const session = await m.findOneBy(SessionEntity, { id: current.familyId });
      if (session?.revokedAt) return { kind: 'invalid' as const };
      const membership = await m.findOneBy(MembershipEntity, { workspaceId, userId: current.userId });
      const user = await m.findOneBy(UserEntity, { id: current.userId });
      const workspace = await m.findOneBy(WorkspaceEntity, { id: workspaceId });
      if (!membership || !user || !workspace) return { kind: 'invalid' as const };
      const family = { id: current.familyId, expiresAt: current.familyExpiresAt };
      const result = await this.result(m, user, workspace, membership.role, { family });
      await m.update(RefreshTokenEntity, { id: current.id }, { revokedAt: new Date(), replacedBy: result.refreshId });
      await this.touchSession(m, session, current, origin);
      return { kind: 'ok' as const, result };
    });
    if (outcome.kind === 'reused' && outcome.ended) {
      await this.audit.record({
        action: 'session.revoked',
        outcome: 'failure',
        workspaceId,
        actorUserId: outcome.userId,
        target: { type: 'session', id: outcome.familyId },
        metadata: { reason: 'refresh_token_reused' },
        ...origin,
      });
    }
    // Thrown after the transaction so a reuse revocation is committed, not rolled back.
    if (outcome.kind !== 'ok') throw new UnauthenticatedError(BAD_REFRESH);
    return withoutRefreshId(outcome.result);
  }

  /** Ends the caller's session: every refresh token of its family dies. */
  async logOut(principal: Principal, origin: RequestOrigin = {}): Promise<void> {
    if (!principal.sessionId) return;
    await this.db.inWorkspace(principal.workspaceId, async (m) => {
      await m.update(RefreshTokenEntity, { familyId: principal.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await m.update(
        SessionEntity,
        { id: principal.sessionId, revokedAt: IsNull() },
        { revokedAt: new Date(), revokedReason: 'logged_out' },
      );
      await this.audit.recordIn(m, { action: 'auth.logout', workspaceId: principal.workspaceId, actorUserId: principal.userId, ...origin });
    });
  }

  async me(principal: Principal): Promise<MeResult> {
    const { user, workspace } = await this.db.inWorkspace(principal.workspaceId, async (m) => ({
      user: await m.findOneByOrFail(UserEntity, { id: principal.userId }),
      workspace: await m.findOneByOrFail(WorkspaceEntity, { id: principal.workspaceId }),
    }));
    const [pendingEmail, mfaEnabled] = await Promise.all([
      accountTokens.pendingEmail(this.db.dataSource.manager, user.id),
      this.mfa.isEnabled(user.id),
    ]);
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        emailVerified: user.emailVerifiedAt !== null,
        pendingEmail,
        mfaEnabled,
        hasPassword: user.passwordHash !== null,
      },
      workspace: { id: workspace.id, name: workspace.name },
      role: principal.role,
    };
  }

  private async startSession(
    user: UserEntity,
    membership: MembershipEntity,
    origin: RequestOrigin,
    metadata: Record<string, unknown>,
  ): Promise<AuthResult> {
    return this.db.inWorkspace(membership.workspaceId, async (m) => {
      const workspace = await m.findOneByOrFail(WorkspaceEntity, { id: membership.workspaceId });
      if (metadata.mfa) {
        await this.audit.recordIn(m, {
          action: 'auth.mfa',
          workspaceId: workspace.id,
          actorUserId: user.id,
          ...origin,
          metadata: { factor: metadata.mfa },
        });
      }
      await this.audit.recordIn(m, { action: 'auth.login', workspaceId: workspace.id, actorUserId: user.id, ...origin, metadata });
      return withoutRefreshId(await this.result(m, user, workspace, membership.role, { origin }));
    });
  }

  private async firstMembership(userId: string): Promise<MembershipEntity | null> {
    return this.db.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('app.user_id', $1, true)`, [userId]);
      return m.findOne(MembershipEntity, { where: { userId }, order: { createdAt: 'ASC' } });
    });
  }

  /** Records where the session was last used; a family from before sessions existed gets its row now. */
  private async touchSession(
    m: EntityManager,
    session: SessionEntity | null,
    token: RefreshTokenEntity,
    origin: RequestOrigin,
  ): Promise<void> {
    const seen = { lastUsedAt: new Date(), ip: origin.ip ?? null, userAgent: origin.userAgent?.slice(0, 512) ?? null };
    if (session) {
      await m.update(SessionEntity, { id: session.id }, seen);
      return;
    }
    await m.insert(SessionEntity, {
      id: token.familyId,
      workspaceId: token.workspaceId,
      userId: token.userId,
      createdAt: token.createdAt,
      expiresAt: token.familyExpiresAt,
      revokedAt: null,
      revokedReason: null,
      ...seen,
    });
  }

  /** A failed login is recorded in each workspace of the account (or in none, for an unknown email). */
  private async auditLoginFailure(user: UserEntity | null, email: string, origin: RequestOrigin): Promise<void> {
    const entry = { action: 'auth.login' as const, outcome: 'failure' as const, ...origin, metadata: { email } };
    if (!user) return this.audit.record({ ...entry, workspaceId: null });
    await auditForUser(this.db, this.audit, user.id, { ...entry, actorUserId: user.id });
  }

  private async result(
    m: EntityManager,
    user: UserEntity,
    workspace: WorkspaceEntity,
    role: Role,
    options: { family?: { id: string; expiresAt: Date }; origin?: RequestOrigin },
  ): Promise<AuthResult & { refreshId: string }> {
    const pair = await this.tokens.issue(m, { userId: user.id, workspaceId: workspace.id, role }, options);
    return {
      ...pair,
      user: { id: user.id, email: user.email, name: user.name },
      workspace: { id: workspace.id, name: workspace.name },
      role,
    };
  }
}
