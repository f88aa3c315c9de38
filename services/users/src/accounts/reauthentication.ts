import { Inject, Injectable } from '@nestjs/common';
import { TenantDatabase, UnauthenticatedError, ValidationError } from '@meridian/platform';
import { AuthThrottle } from '../auth/auth-throttle.js';
import { passwordHasher } from '../auth/password-hasher.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * Re-authentication for sensitive account changes: the signed-in user enters their password
 * again. Throttled per user; a wrong password is a 400 naming the field (not a 401, which
 * would read as "your session is over").
 */
@Injectable()
export class Reauthentication {
  constructor(
    private readonly db: TenantDatabase,
    @Inject(AuthThrottle) private readonly throttle: AuthThrottle,
  ) {}

  async user(userId: string): Promise<UserEntity> {
    const user = await this.db.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw new UnauthenticatedError();
    return user;
  }

  /** Checks `password` for `userId`; returns the user. `field` names the input in the 400. */
  async verifyPassword(userId: string, password: string | undefined, field = 'password'): Promise<UserEntity> {
    await this.throttle.reauthenticate(userId);
    const user = await this.user(userId);
    if (!password) throw new ValidationError([{ field, message: 'Enter your current password.' }]);
    const ok = user.passwordHash ? await passwordHasher.verify(user.passwordHash, password) : await passwordHasher.verifyDecoy(password);
    if (!ok) throw new ValidationError([{ field, message: 'The password is incorrect.' }], 'The password is incorrect.');
    await this.throttle.reauthenticated(userId);
    return user;
  }
}
