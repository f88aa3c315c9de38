import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { ConflictError, DomainEvents, TenantDatabase, UnauthenticatedError, type Principal, type Role } from '@meridian/platform';
import type { WorkspaceCreated } from '@meridian/proto/users/v1/users_events';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { UserEntity } from '../users/user.entity.js';
import { MembershipEntity, WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { passwordHasher } from './password-hasher.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import type { LogInInput, SignUpInput } from './auth.schemas.js';
import { hashToken, parseRefreshToken, SessionTokens, type TokenPair } from './session-tokens.js';

export interface AuthResult extends TokenPair {
  user: { id: string; email: string; name: string };
  workspace: { id: string; name: string };
  role: Role;
}

const BAD_CREDENTIALS = 'The email or password is incorrect.';
const BAD_REFRESH = 'The refresh token is invalid or expired.';
const UNIQUE_VIOLATION = '23505';

const withoutRefreshId = ({ refreshId: _id, ...rest }: AuthResult & { refreshId: string }): AuthResult => rest;

/** Sign-up, log-in, refresh rotation with reuse detection, log-out. */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly events: DomainEvents,
    @Inject(SessionTokens) private readonly tokens: SessionTokens,
    private readonly audit: AuditLog,
  ) {}

  async signUp(input: SignUpInput): Promise<AuthResult> {
    const passwordHash = await passwordHasher.hash(input.password);
    const userId = randomUUID();
    const workspaceId = randomUUID();
    try {
      return await this.db.inWorkspace(workspaceId, async (m) => {
        const user = await m.save(m.create(UserEntity, { id: userId, email: input.email, name: input.name, passwordHash }));
        const workspace = await m.save(m.create(WorkspaceEntity, { id: workspaceId, name: input.workspaceName }));
        await m.insert(MembershipEntity, { workspaceId, userId, role: 'owner' });
        await this.events.record<WorkspaceCreated>(m, {
          type: 'users.workspace.created.v1',
          workspaceId,
          subject: workspaceId,
          data: { workspaceId, name: workspace.name, ownerUserId: userId },
        });
        return withoutRefreshId(await this.result(m, user, workspace, 'owner'));
      });
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictError('An account with this email already exists.', [
          { field: 'email', message: 'This email is already registered.' },
        ]);
      }
      throw err;
    }
  }

  async logIn(input: LogInInput, origin: RequestOrigin = {}): Promise<AuthResult> {
    const user = await this.db.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = :email', { email: input.email })
      .getOne();
    const ok = user ? await passwordHasher.verify(user.passwordHash, input.password) : await passwordHasher.verifyDecoy(input.password);
    if (!user || !ok) {
      await this.auditLoginFailure(user, input.email, origin);
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    const membership = await this.db.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('app.user_id', $1, true)`, [user.id]);
      return m.findOne(MembershipEntity, { where: { userId: user.id }, order: { createdAt: 'ASC' } });
    });
    if (!membership) throw new UnauthenticatedError(BAD_CREDENTIALS);
    return this.db.inWorkspace(membership.workspaceId, async (m) => {
      const workspace = await m.findOneByOrFail(WorkspaceEntity, { id: membership.workspaceId });
      await this.audit.recordIn(m, { action: 'auth.login', workspaceId: workspace.id, actorUserId: user.id, ...origin });
      return withoutRefreshId(await this.result(m, user, workspace, membership.role));
    });
  }

  /** Rotates a refresh token; a replayed (already rotated) token revokes its whole family. */
  async refresh(refreshToken: string): Promise<AuthResult> {
    const { workspaceId } = parseRefreshToken(refreshToken);
    const outcome = await this.db.inWorkspace(workspaceId, async (m) => {
      const current = await m.findOne(RefreshTokenEntity, {
        where: { tokenHash: hashToken(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) return { kind: 'invalid' as const };
      if (current.revokedAt) {
        await m.update(RefreshTokenEntity, { familyId: current.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return { kind: 'reused' as const };
      }
      if (current.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      const membership = await m.findOneBy(MembershipEntity, { workspaceId, userId: current.userId });
      const user = await m.findOneBy(UserEntity, { id: current.userId });
      const workspace = await m.findOneBy(WorkspaceEntity, { id: workspaceId });
      if (!membership || !user || !workspace) return { kind: 'invalid' as const };
      const result = await this.result(m, user, workspace, membership.role, { id: current.familyId, expiresAt: current.familyExpiresAt });
      await m.update(RefreshTokenEntity, { id: current.id }, { revokedAt: new Date(), replacedBy: result.refreshId });
      return { kind: 'ok' as const, result };
    });
    // Thrown after the transaction so a reuse revocation is committed, not rolled back.
    if (outcome.kind !== 'ok') throw new UnauthenticatedError(BAD_REFRESH);
    return withoutRefreshId(outcome.result);
  }

  /** A failed login is recorded in each workspace of the account (or in none, for an unknown email). */
  private async auditLoginFailure(user: UserEntity | null, email: string, origin: RequestOrigin): Promise<void> {
    const entry = { action: 'auth.login' as const, outcome: 'failure' as const, ...origin, metadata: { email } };
    if (!user) return this.audit.record({ ...entry, workspaceId: null });
    const memberships = await this.db.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('app.user_id', $1, true)`, [user.id]);
      return m.find(MembershipEntity, { where: { userId: user.id } });
    });
    for (const { workspaceId } of memberships) await this.audit.record({ ...entry, workspaceId, actorUserId: user.id });
  }

  /** Ends the caller's session: every refresh token of its family dies. */
  async logOut(principal: Principal): Promise<void> {
    if (!principal.sessionId) return;
    await this.db.inWorkspace(principal.workspaceId, (m) =>
      m.update(RefreshTokenEntity, { familyId: principal.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() }),
    );
  }

  async me(principal: Principal): Promise<Omit<AuthResult, keyof TokenPair>> {
    return this.db.inWorkspace(principal.workspaceId, async (m) => {
      const user = await m.findOneByOrFail(UserEntity, { id: principal.userId });
      const workspace = await m.findOneByOrFail(WorkspaceEntity, { id: principal.workspaceId });
      return {
        user: { id: user.id, email: user.email, name: user.name },
        workspace: { id: workspace.id, name: workspace.name },
        role: principal.role,
      };
    });
  }

  private async result(
    m: EntityManager,
    user: UserEntity,
    workspace: WorkspaceEntity,
    role: Role,
    family?: { id: string; expiresAt: Date },
  ): Promise<AuthResult & { refreshId: string }> {
    const pair = await this.tokens.issue(m, { userId: user.id, workspaceId: workspace.id, role }, family);
    return {
      ...pair,
      user: { id: user.id, email: user.email, name: user.name },
      workspace: { id: workspace.id, name: workspace.name },
      role,
    };
  }
}
