import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ConflictError,
  DomainError,
  ErrorCode,
  NotFoundError,
  TenantDatabase,
  type Principal,
  cursorAtSql,
  keysetCursor,
  toPage,
  type Page,
} from '@meridian/platform';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { UserEntity } from '../users/user.entity.js';
import { actingRole, actorOf } from '../workspaces/acting-member.js';
import { assertCanGrant, assertCanManage } from '../workspaces/role-rules.js';
import { MembershipEntity, WorkspaceEntity } from '../workspaces/workspace.entity.js';
import type { CreateInviteInput, InviteStatus, ListInvitesQuery } from './dto/invite.schemas.js';
import { InviteEntity } from './invite.entity.js';
import { InviteMailer, type InviteEmailDelivery } from './invite-mailer.js';
import { inviteMapper, inviteStatus, type InviteDto } from './invite.mapper.js';
import { rowToInvite, type InviteRow } from './invite-rows.js';
import { userName } from '../workspaces/user-name.js';
import { inviteToken } from './invite-token.js';

export const INVITE_TTL_MS = 7 * 86_400_000;
/** Open invites per workspace: enough for any team, a ceiling for a compromised admin sending spam. */
export const MAX_OPEN_INVITES = 500;
const RESEND_INTERVAL_SECONDS = 60;
const UNIQUE_VIOLATION = '23505';

const STATUS_SQL: Record<InviteStatus, string> = {
  pending: 'i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()',
  expired: 'i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at <= now()',
  accepted: 'i.accepted_at IS NOT NULL',
  revoked: 'i.revoked_at IS NOT NULL',
};

const alreadyInvited = () =>
  new ConflictError('This address already has a pending invite: resend or revoke it.', [
    { field: 'email', message: 'This address already has a pending invite.' },
  ]);

export interface SentInviteDto extends InviteDto {
  /** What became of the email: queued/sent/stored (dev outbox) by communication, failed, or not_configured. */
  emailDelivery: InviteEmailDelivery;
}

interface Issued {
  invite: InviteEntity;
  token: string;
  workspaceName: string;
  inviterName: string | null;
}

/** Invites of the current workspace: create, list, resend, revoke. Accepting is InviteAcceptanceService. */
@Injectable()
export class InvitesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
    @Inject(InviteMailer) private readonly mailer: InviteMailer,
  ) {}

  async create(principal: Principal, input: CreateInviteInput, origin: RequestOrigin): Promise<SentInviteDto> {
    const workspaceId = principal.workspaceId;
    let issued: Issued;
    try {
      issued = await this.db.inWorkspace(workspaceId, async (m) => {
        assertCanGrant(await actingRole(m, principal, 'members.manage'), input.role);
        await this.assertNotMember(m, workspaceId, input.email);
        const open = await m
          .createQueryBuilder(InviteEntity, 'i')
          .setLock('pessimistic_write')
          .where('i.workspace_id = :workspaceId AND lower(i.email) = :email AND i.accepted_at IS NULL AND i.revoked_at IS NULL', {
            workspaceId,
            email: input.email,
          })
          .getOne();
        if (open && inviteStatus(open) === 'pending') throw alreadyInvited();
        if (!open) await this.assertBelowCap(m, workspaceId);
        const now = new Date();
        const { token, hash } = inviteToken.issue(workspaceId);
        // An expired open invite is renewed (new token, role and inviter) rather than duplicated.
        const invite: InviteEntity = open
          ? { ...open, role: input.role, tokenHash: hash, invitedBy: principal.userId, sentCount: open.sentCount + 1 }
          : {
              id: randomUUID(),
              workspaceId,
              email: input.email,
              role: input.role,
              tokenHash: hash,
              invitedBy: principal.userId,
              createdAt: now,
              sentCount: 1,
              expiresAt: now,
              lastSentAt: now,
              acceptedAt: null,
              acceptedBy: null,
              revokedAt: null,
              revokedBy: null,
            };
        invite.expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
        invite.lastSentAt = now;
        await m.save(InviteEntity, invite);
        await this.audit.recordIn(m, {
          action: 'member.invited',
          workspaceId,
          ...actorOf(principal),
          ...origin,
          target: { type: 'invite', id: invite.id },
          metadata: { email: invite.email, role: invite.role },
        });
        return { invite, token, ...(await this.names(m, workspaceId, principal.userId)) };
      });
    } catch (err) {
      // Two admins inviting the same address at once: the partial unique index decides.
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw alreadyInvited();
      throw err;
    }
    return this.deliver(issued);
  }

  async list(workspaceId: string, query: ListInvitesQuery): Promise<Page<InviteDto>> {
    const params: unknown[] = [workspaceId];
    let where = 'i.workspace_id = $1';
    if (query.status) where += ` AND ${STATUS_SQL[query.status]}`;
    if (query.cursor) {
      const before = keysetCursor.decode(query.cursor);
      params.push(before.at, before.id);
      where += ` AND (i.created_at, i.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(query.limit + 1);
    const rows: InviteRow[] = await this.db.inWorkspace(workspaceId, (m) =>
      m.query(
        `SELECT i.*, ${cursorAtSql('i.created_at')} AS cursor_at, u.name AS inviter_name
           FROM users.invites i LEFT JOIN users.users u ON u.id = i.invited_by
          WHERE ${where} ORDER BY i.created_at DESC, i.id DESC LIMIT $${params.length}`,
        params,
      ),
    );
    return toPage(rows, query.limit, (r) => inviteMapper.toDto(rowToInvite(r), r.inviter_name));
  }

  /** A new link (the old one dies), a fresh 7-day expiry, and the email again; at most once a minute. */
  async resend(principal: Principal, id: string, origin: RequestOrigin): Promise<SentInviteDto> {
    const workspaceId = principal.workspaceId;
    const issued = await this.db.inWorkspace(workspaceId, async (m) => {
      const invite = await this.findForUpdate(m, workspaceId, id);
      const status = inviteStatus(invite);
      if (status === 'accepted' || status === 'revoked') throw new ConflictError(`This invite was ${status}; send a new one instead.`);
      assertCanManage(await actingRole(m, principal, 'members.manage'), invite.role);
      const wait = Math.ceil((invite.lastSentAt.getTime() + RESEND_INTERVAL_SECONDS * 1000 - Date.now()) / 1000);
      if (wait > 0) throw new DomainError(ErrorCode.RateLimited, 'This invite was just sent; try again in a minute.', undefined, wait);
      const now = new Date();
      const { token, hash } = inviteToken.issue(workspaceId);
      Object.assign(invite, {
        tokenHash: hash,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
        lastSentAt: now,
        sentCount: invite.sentCount + 1,
      });
      await m.save(InviteEntity, invite);
      await this.audit.recordIn(m, {
        action: 'member.invite_resent',
        workspaceId,
        ...actorOf(principal),
        ...origin,
        target: { type: 'invite', id: invite.id },
        metadata: { email: invite.email, role: invite.role },
      });
      return { invite, token, ...(await this.names(m, workspaceId, invite.invitedBy)) };
    });
    return this.deliver(issued);
  }

  /** Revokes an open invite: its link stops working at once. Revoking twice is a no-op. */
  async revoke(principal: Principal, id: string, origin: RequestOrigin): Promise<void> {
    const workspaceId = principal.workspaceId;
    await this.db.inWorkspace(workspaceId, async (m) => {
      const invite = await this.findForUpdate(m, workspaceId, id);
      if (invite.acceptedAt) throw new ConflictError('This invite was already accepted: remove the member instead.');
      if (invite.revokedAt) return;
      assertCanManage(await actingRole(m, principal, 'members.manage'), invite.role);
      await m.update(InviteEntity, { id, workspaceId }, { revokedAt: new Date(), revokedBy: principal.userId });
      await this.audit.recordIn(m, {
        action: 'member.invite_revoked',
        workspaceId,
        ...actorOf(principal),
        ...origin,
        target: { type: 'invite', id },
        metadata: { email: invite.email, role: invite.role },
      });
    });
  }

  private async deliver(issued: Issued): Promise<SentInviteDto> {
    const { invite } = issued;
    const emailDelivery = await this.mailer.send({
      inviteId: invite.id,
      workspaceId: invite.workspaceId,
      sendNumber: invite.sentCount,
      to: invite.email,
      token: issued.token,
      workspaceName: issued.workspaceName,
      inviterName: issued.inviterName,
      role: invite.role,
      expiresAt: invite.expiresAt,
    });
    return { ...inviteMapper.toDto(invite, issued.inviterName), emailDelivery };
  }

  private async findForUpdate(m: EntityManager, workspaceId: string, id: string): Promise<InviteEntity> {
    const invite = await m.findOne(InviteEntity, { where: { id, workspaceId }, lock: { mode: 'pessimistic_write' } });
    if (!invite) throw new NotFoundError('Invite');
    return invite;
  }

  private async assertNotMember(m: EntityManager, workspaceId: string, email: string): Promise<void> {
    const user = await m.createQueryBuilder(UserEntity, 'u').select(['u.id']).where('lower(u.email) = :email', { email }).getOne();
    if (user && (await m.existsBy(MembershipEntity, { workspaceId, userId: user.id }))) {
      throw new ConflictError('This person is already a member of the workspace.', [
        { field: 'email', message: 'Already a member of this workspace.' },
      ]);
    }
  }

  private async assertBelowCap(m: EntityManager, workspaceId: string): Promise<void> {
    const [row] = (await m.query(
      `SELECT count(*)::int AS n FROM users.invites WHERE workspace_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`,
      [workspaceId],
    )) as { n: number }[];
    if ((row?.n ?? 0) >= MAX_OPEN_INVITES) {
      throw new ConflictError(`A workspace can have at most ${MAX_OPEN_INVITES} open invites: revoke some first.`);
    }
  }

  private async names(m: EntityManager, workspaceId: string, inviterId: string | null) {
    const workspace = await m.findOneByOrFail(WorkspaceEntity, { id: workspaceId });
    return { workspaceName: workspace.name, inviterName: await userName(m, inviterId) };
  }
}
