import type { EntityManager } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/** A user's display name (users are global, not tenant rows), or null once the account is gone. */
export async function userName(m: EntityManager, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  return (await m.findOne(UserEntity, { where: { id: userId }, select: { id: true, name: true } }))?.name ?? null;
}
