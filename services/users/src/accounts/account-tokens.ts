import { randomBytes, randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { hashToken } from '../auth/session-tokens.js';
import { AccountTokenEntity, type AccountTokenPurpose } from './account-token.entity.js';

/** How long each kind of link lives. */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * 60 * 60_000,
  reset_password: 30 * 60_000,
  change_email: 24 * 60 * 60_000,
};

const PREFIX: Record<AccountTokenPurpose, string> = { verify_email: 'mve', reset_password: 'mpr', change_email: 'mve' };

/** Issues and redeems single-use emailed tokens (256 random bits; only a SHA-256 is stored). */
export const accountTokens = {
  /** A new token; earlier unused ones of the same purpose for the user die (only the newest link works). */
  async issue(m: EntityManager, userId: string, purpose: AccountTokenPurpose, email: string): Promise<{ id: string; token: string }> {
    await m.update(AccountTokenEntity, { userId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
    // Spent and expired links are kept a while (support questions), then dropped.
    await m.query(`DELETE FROM users.account_tokens WHERE user_id = $1 AND expires_at < now() - interval '30 days'`, [userId]);
    const token = `${PREFIX[purpose]}_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    await m.insert(AccountTokenEntity, {
      id,
      userId,
      purpose,
      tokenHash: hashToken(token),
      email,
      expiresAt: new Date(Date.now() + ACCOUNT_TOKEN_TTL_MS[purpose]),
      usedAt: null,
      createdAt: new Date(),
    });
    return { id, token };
  },

  /** Marks the token used and returns it, or null when unknown, used, expired or of another purpose. Atomic: one redemption wins. */
  async redeem(m: EntityManager, token: string, purposes: AccountTokenPurpose[]): Promise<AccountTokenEntity | null> {
    const rows = (await m.query(
      `UPDATE users.account_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = ANY($2) AND used_at IS NULL AND expires_at > now()
        RETURNING id, user_id AS "userId", purpose, email`,
      [hashToken(token), purposes],
    )) as [Array<Pick<AccountTokenEntity, 'id' | 'userId' | 'purpose' | 'email'>>, number];
    const row = rows[0][0];
    return row ? Object.assign(new AccountTokenEntity(), row) : null;
  },

  /** The address of a pending email change, if any. */
  async pendingEmail(m: EntityManager, userId: string): Promise<string | null> {
    const row = await m
      .getRepository(AccountTokenEntity)
      .createQueryBuilder('t')
      .where('t.user_id = :userId AND t.purpose = :purpose AND t.used_at IS NULL AND t.expires_at > now()', {
        userId,
        purpose: 'change_email',
      })
      .orderBy('t.created_at', 'DESC')
      .getOne();
    return row?.email ?? null;
  },
};
