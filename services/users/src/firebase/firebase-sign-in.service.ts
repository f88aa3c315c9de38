import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError, ErrorCode, TenantDatabase, UnauthenticatedError } from '@meridian/platform';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { AuthThrottle } from '../auth/auth-throttle.js';
import { AuthService, type SignInResult } from '../auth/auth.service.js';
import { UserEntity } from '../users/user.entity.js';
import { ExternalIdentityEntity } from './external-identity.entity.js';
import { FirebaseTokenVerifier, type FirebaseIdentity } from './firebase-token-verifier.js';

const PROVIDER = 'firebase';
const BAD_TOKEN = 'The Firebase ID token is invalid or expired.';
const UNVERIFIED = 'Your sign-in provider has not verified an email address for this account.';

/**
 * Sign-in with a Firebase ID token: the Firebase user is linked to a Meridian user by uid,
 * or on first sign-in by verified email to an existing user, or becomes a new user with
 * their own workspace. Then the normal rules apply (MFA step, session, audit).
 */
@Injectable()
export class FirebaseSignInService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AuthThrottle) private readonly throttle: AuthThrottle,
    @Optional() @Inject(FirebaseTokenVerifier) private readonly verifier: FirebaseTokenVerifier | null,
  ) {}

  async signIn(idToken: string, origin: RequestOrigin): Promise<SignInResult> {
    if (!this.verifier) throw new DomainError(ErrorCode.NotFound, 'Firebase sign-in is not configured.');
    await this.throttle.login(null, origin.ip ?? null);
    let identity: FirebaseIdentity;
    try {
      identity = await this.verifier.verify(idToken);
    } catch {
      await this.audit.record({ action: 'auth.login', outcome: 'failure', workspaceId: null, ...origin, metadata: { method: 'firebase' } });
      throw new UnauthenticatedError(BAD_TOKEN);
    }
    await this.throttle.loginSucceeded(null, origin.ip ?? null);
    const linked = await this.linkedUser(identity);
    if (linked) return this.auth.signInVerifiedUser(linked, origin, 'firebase');
    if (!identity.email || !identity.emailVerified) throw new UnauthenticatedError(UNVERIFIED);
    const email = identity.email.toLowerCase();
    const existing = await this.db.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = :email', { email })
      .getOne();
    if (existing) {
      await this.db.dataSource.transaction(async (m) => {
        await m.insert(ExternalIdentityEntity, this.identityRow(identity, existing.id));
        // The provider verified the address this account uses.
        if (!existing.emailVerifiedAt) await m.update(UserEntity, { id: existing.id }, { emailVerifiedAt: new Date() });
      });
      return this.auth.signInVerifiedUser(existing, origin, 'firebase');
    }
    const name = identity.name?.trim().slice(0, 200) || email.split('@')[0]!;
    const result = await this.auth.createAccount(
      { email, name, workspaceName: `${name}'s workspace`.slice(0, 200), passwordHash: null, emailVerified: true },
      origin,
      (m, userId) => m.insert(ExternalIdentityEntity, this.identityRow(identity, userId)).then(() => undefined),
    );
    await this.audit.record({
      action: 'auth.login',
      workspaceId: result.workspace.id,
      actorUserId: result.user.id,
      ...origin,
      metadata: { method: 'firebase', accountCreated: true, provider: identity.signInProvider },
    });
    return result;
  }

  /** The user already linked to this Firebase uid (its last sign-in is recorded). */
  private async linkedUser(identity: FirebaseIdentity): Promise<UserEntity | null> {
    const repo = this.db.dataSource.getRepository(ExternalIdentityEntity);
    const link = await repo.findOneBy({ provider: PROVIDER, subject: identity.uid });
    if (!link) return null;
    await repo.update({ provider: PROVIDER, subject: identity.uid }, { lastSignInAt: new Date(), email: identity.email });
    return this.db.dataSource.getRepository(UserEntity).findOneBy({ id: link.userId });
  }

  private identityRow(identity: FirebaseIdentity, userId: string): ExternalIdentityEntity {
    const now = new Date();
    return { provider: PROVIDER, subject: identity.uid, userId, email: identity.email, createdAt: now, lastSignInAt: now };
  }
}
