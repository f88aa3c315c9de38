import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ConflictError,
  NotFoundError,
  parseOrThrow,
  PermissionDeniedError,
  TenantDatabase,
  TOKEN_VERIFIER,
  UnauthenticatedError,
  type AccessTokenVerifier,
  type Role,
} from '@meridian/platform';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { passwordHasher } from '../auth/password-hasher.js';
import { SessionTokens } from '../auth/session-tokens.js';
import { UserEntity } from '../users/user.entity.js';
import { lockWorkspaceMembers } from '../workspaces/acting-member.js';
import { MembershipEntity, WorkspaceEntity } from '../workspaces/workspace.entity.js';
import type { WorkspaceSession } from '../workspaces/workspaces.service.js';
import { newAccountSchema } from './dto/invite.schemas.js';
import { InviteEntity } from './invite.entity.js';
import { inviteStatus } from './invite.mapper.js';
import { userName } from '../workspaces/user-name.js';
import { inviteToken } from './invite-token.js';

export interface InvitePreviewDto {
  email: string;
  role: Role;
  workspace: { id: string; name: string };
  invitedBy: { name: string } | null;
  expiresAt: string;
  expired: boolean;
}

const UNIQUE_VIOLATION = '23505';
const isDuplicateEmail = (err: unknown): boolean =>
  (err as { code?: string; constraint?: string }).code === UNIQUE_VIOLATION &&
  (err as { constraint?: string }).constraint === 'users_email_key';

const accountExists = () =>
  new ConflictError('An account with this email already exists: sign in, then accept the invite.', [
    { field: 'email', message: 'This email is already registered; sign in first.' },
  ]);

/**
 * What an invite link does: shows what it is for (public), and joins the workspace, either
 * as the signed-in account the invite was sent to or as a new account made from it.
 */
@Injectable()
export class InviteAcceptanceService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
    @Inject(SessionTokens) private readonly tokens: SessionTokens,
    @Inject(TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
  ) {}

  /** Revoked, accepted, unknown and malformed tokens are all the same 404; an expired one says so. */
  async preview(token: string): Promise<InvitePreviewDto> {
    const workspaceId = inviteToken.workspaceOf(token);
    if (!workspaceId) throw new NotFoundError('Invite');
    return this.db.inWorkspace(workspaceId, async (m) => {
      const invite = await m.findOneBy(InviteEntity, { workspaceId, tokenHash: inviteToken.hash(token) });
      if (!invite || invite.acceptedAt || invite.revokedAt) throw new NotFoundError('Invite');
      const workspace = await m.findOneByOrFail(WorkspaceEntity, { id: workspaceId });
      const inviter = await userName(m, invite.invitedBy);
      return {
        email: invite.email,
        role: invite.role,
        workspace: { id: workspace.id, name: workspace.name },
        invitedBy: inviter === null ? null : { name: inviter },
        expiresAt: invite.expiresAt.toISOString(),
        expired: inviteStatus(invite) === 'expired',
      };
    });
  }

  /**
   * Joins the invite's workspace with the invite's role (never one from the body). With a
   * bearer access token the account must be the one invited; without, `body` creates it.
   */
  async accept(token: string, authorization: string | undefined, body: unknown, origin: RequestOrigin): Promise<WorkspaceSession> {
    const workspaceId = inviteToken.workspaceOf(token);
    if (!workspaceId) throw new NotFoundError('Invite');
    const signedInUserId = authorization === undefined ? null : await this.signedInUser(authorization);
    const newAccount = signedInUserId ? null : parseOrThrow(newAccountSchema, body ?? {});
    // Hash before the transaction: argon2 takes ~50 ms and must not hold the invite's row lock.
    const passwordHash = newAccount ? await passwordHasher.hash(newAccount.password) : null;
    try {
      return await this.db.inWorkspace(workspaceId, async (m) => {
        const invite = await m.findOne(InviteEntity, {
          where: { workspaceId, tokenHash: inviteToken.hash(token) },
          lock: { mode: 'pessimistic_write' },
        });
        if (!invite || invite.acceptedAt || invite.revokedAt) throw new NotFoundError('Invite');
        if (inviteStatus(invite) === 'expired') throw new ConflictError('This invite has expired: ask for a new one.');
        const user =
          signedInUserId !== null
            ? await this.invitedAccount(m, signedInUserId, invite)
            : await this.createAccount(m, invite, newAccount!.name, passwordHash!);
        return await this.join(m, invite, user, origin);
      });
    } catch (err) {
      if (isDuplicateEmail(err)) throw accountExists();
      throw err;
    }
  }

  private async signedInUser(authorization: string): Promise<string> {
    const [scheme, credential] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !credential) throw new UnauthenticatedError();
    // Only a signed-in person accepts an invite; an API key is refused like any bad token.
    return (await this.verifier.verify(credential)).userId;
  }

  private async invitedAccount(m: EntityManager, userId: string, invite: InviteEntity): Promise<UserEntity> {
    const user = await m.findOneBy(UserEntity, { id: userId });
    if (!user) throw new UnauthenticatedError();
    if (user.email.toLowerCase() !== invite.email.toLowerCase()) {
      throw new PermissionDeniedError('This invite was sent to another email address: sign in with that address to accept it.');
    }
    // The emailed token reached this address: as good as a verification link.
    if (!user.emailVerifiedAt) {
      user.emailVerifiedAt = new Date();
      await m.update(UserEntity, { id: user.id }, { emailVerifiedAt: user.emailVerifiedAt });
    }
    return user;
  }

  private async createAccount(m: EntityManager, invite: InviteEntity, name: string, passwordHash: string): Promise<UserEntity> {
    const exists = await m
      .createQueryBuilder(UserEntity, 'u')
      .select(['u.id'])
      .where('lower(u.email) = :email', { email: invite.email.toLowerCase() })
      .getOne();
    if (exists) throw accountExists();
    // Holding the emailed token proves the address, as a verification link would.
    return m.save(
      m.create(UserEntity, { id: randomUUID(), email: invite.email.toLowerCase(), name, passwordHash, emailVerifiedAt: new Date() }),
    );
  }

  private async join(m: EntityManager, invite: InviteEntity, user: UserEntity, origin: RequestOrigin): Promise<WorkspaceSession> {
    const { workspaceId } = invite;
    await lockWorkspaceMembers(m, workspaceId);
    if (await m.existsBy(MembershipEntity, { workspaceId, userId: user.id })) {
      throw new ConflictError('You are already a member of this workspace.');
    }
    await m.insert(MembershipEntity, { workspaceId, userId: user.id, role: invite.role });
    await m.update(InviteEntity, { id: invite.id, workspaceId }, { acceptedAt: new Date(), acceptedBy: user.id });
    await this.audit.recordIn(m, {
      action: 'member.joined',
      workspaceId,
      actorUserId: user.id,
      ...origin,
      target: { type: 'user', id: user.id },
      metadata: { inviteId: invite.id, role: invite.role, invitedBy: invite.invitedBy, email: user.email },
    });
    const workspace = await m.findOneByOrFail(WorkspaceEntity, { id: workspaceId });
    const pair = await this.tokens.issue(m, { userId: user.id, workspaceId, role: invite.role }, { origin });
    return {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      user: { id: user.id, email: user.email, name: user.name },
      workspace: { id: workspace.id, name: workspace.name },
      role: invite.role,
    };
  }
}
