import { Inject, Injectable, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import { RATE_LIMIT_STORE, type Logger, type RateLimitStore } from '@meridian/platform';
import { AccountMailer } from '../accounts/account-mailer.js';
import { AccountTokenEntity } from '../accounts/account-token.entity.js';
import { AccountsController } from '../accounts/accounts.controller.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { Reauthentication } from '../accounts/reauthentication.js';
import type { UsersConfig } from '../config.js';
import { ExternalIdentityEntity } from '../firebase/external-identity.entity.js';
import { FirebaseController } from '../firebase/firebase.controller.js';
import { FirebaseSignInService } from '../firebase/firebase-sign-in.service.js';
import { FirebaseTokenVerifier } from '../firebase/firebase-token-verifier.js';
import { MfaChallenges } from '../mfa/mfa-challenges.js';
import { MfaChallengeEntity, MfaTotpEntity, RecoveryCodeEntity } from '../mfa/mfa.entities.js';
import { MfaController } from '../mfa/mfa.controller.js';
import { MfaService } from '../mfa/mfa.service.js';
import { RecoveryCodeHasher } from '../mfa/recovery-codes.js';
import { SecretBox } from '../mfa/secret-box.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { SessionsController } from '../sessions/sessions.controller.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { AuthThrottle } from './auth-throttle.js';

/**
 * Accounts and sessions (issue 3): email verification, password reset and change, email
 * change, TOTP MFA, sessions, Firebase sign-in and throttling — wired into UsersAppModule
 * through these lists, so the root module stays small.
 */
export const identityEntities = [
  SessionEntity,
  AccountTokenEntity,
  MfaTotpEntity,
  RecoveryCodeEntity,
  MfaChallengeEntity,
  ExternalIdentityEntity,
];

export const identityControllers: Type<unknown>[] = [AccountsController, MfaController, SessionsController, FirebaseController];

@Injectable()
class IdentityLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(AccountMailer) private readonly mailer: AccountMailer,
    @Inject(FirebaseTokenVerifier) private readonly firebase: FirebaseTokenVerifier | null,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    this.mailer.close();
    await this.firebase?.close();
  }
}

export function identityProviders(config: UsersConfig, logger: Logger): Provider[] {
  return [
    {
      provide: AuthThrottle,
      useFactory: (store: RateLimitStore) =>
        new AuthThrottle(store, {
          loginPerAccount: config.LOGIN_THROTTLE_PER_ACCOUNT,
          loginPerIp: config.LOGIN_THROTTLE_PER_IP,
          mfaPerUser: config.MFA_THROTTLE_PER_USER,
          passwordResetPerAccount: config.PASSWORD_RESET_THROTTLE_PER_ACCOUNT,
          passwordResetPerIp: config.PASSWORD_RESET_THROTTLE_PER_IP,
        }),
      inject: [RATE_LIMIT_STORE],
    },
    // TOTP secrets are sealed under a key derived (HKDF, own label) from the service secret.
    { provide: SecretBox, useValue: new SecretBox(config.AUTH_SIGNING_KEY_SECRET, 'mfa-totp') },
    { provide: RecoveryCodeHasher, useValue: new RecoveryCodeHasher(config.AUTH_SIGNING_KEY_SECRET) },
    {
      provide: AccountMailer,
      useFactory: () => new AccountMailer(config.COMMUNICATION_GRPC_URL, config.GRPC_DEADLINE_MS, config.PUBLIC_APP_URL, logger),
    },
    {
      provide: FirebaseTokenVerifier,
      useFactory: () =>
        config.FIREBASE_PROJECT_ID
          ? new FirebaseTokenVerifier({
              projectId: config.FIREBASE_PROJECT_ID,
              emulatorHost: config.FIREBASE_AUTH_EMULATOR_HOST,
              checkRevoked: config.FIREBASE_CHECK_REVOKED,
              production: config.NODE_ENV === 'production',
            })
          : null,
    },
    Reauthentication,
    MfaChallenges,
    MfaService,
    SessionsService,
    AccountsService,
    FirebaseSignInService,
    IdentityLifecycle,
  ];
}
