import argon2 from 'argon2';

// OWASP's minimum for argon2id: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/** A hash of a random string: verifying against it makes unknown emails take as long as known ones. */
let decoy: Promise<string> | undefined;

export const passwordHasher = {
  hash: (password: string): Promise<string> => argon2.hash(password, OPTIONS),
  verify: (hash: string, password: string): Promise<boolean> => argon2.verify(hash, password).catch(() => false),
  /** Spends the same work as a real verification, for accounts that do not exist. */
  async verifyDecoy(password: string): Promise<false> {
    decoy ??= argon2.hash(`decoy-${Math.random()}`, OPTIONS);
    await argon2.verify(await decoy, password).catch(() => false);
    return false;
  },
};
