import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@meridian/platform';
import { hashToken } from '../auth/session-tokens.js';
import { MfaChallengeEntity } from './mfa.entities.js';

const TTL_MS = 5 * 60_000;
/** Wrong codes one challenge survives; then the user starts again from the password. */
export const MAX_CHALLENGE_ATTEMPTS = 5;

/** The pending second step of a log-in: an opaque single-use token, valid 5 minutes. */
@Injectable()
export class MfaChallenges {
  constructor(private readonly db: TenantDatabase) {}

  async create(userId: string, method: 'password' | 'firebase'): Promise<string> {
    const token = `mfa_${randomBytes(32).toString('base64url')}`;
    const repo = this.db.dataSource.getRepository(MfaChallengeEntity);
    // Expired challenges are swept as new ones are made: the table stays small.
    await repo.createQueryBuilder().delete().where("expires_at < now() - interval '1 day'").execute();
    await repo.insert({
      id: randomUUID(),
      userId,
      tokenHash: hashToken(token),
      method,
      attempts: 0,
      expiresAt: new Date(Date.now() + TTL_MS),
      consumedAt: null,
      createdAt: new Date(),
    });
    return token;
  }

  /** The live challenge for `token`, or null (unknown, expired, used, or out of attempts). */
  async find(token: string): Promise<MfaChallengeEntity | null> {
    const challenge = await this.db.dataSource.getRepository(MfaChallengeEntity).findOneBy({ tokenHash: hashToken(token) });
    if (!challenge || challenge.consumedAt || challenge.expiresAt.getTime() <= Date.now()) return null;
    return challenge.attempts >= MAX_CHALLENGE_ATTEMPTS ? null : challenge;
  }

  async recordFailure(id: string): Promise<void> {
    await this.db.dataSource.query(`UPDATE users.mfa_challenges SET attempts = attempts + 1 WHERE id = $1`, [id]);
  }

  /** Spends the challenge; false when another request already did. */
  async consume(id: string): Promise<boolean> {
    const [, n] = (await this.db.dataSource.query(
      `UPDATE users.mfa_challenges SET consumed_at = now() WHERE id = $1 AND consumed_at IS NULL AND expires_at > now()`,
      [id],
    )) as [unknown, number];
    return n === 1;
  }
}
