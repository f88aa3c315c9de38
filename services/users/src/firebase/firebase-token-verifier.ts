import { randomUUID } from 'node:crypto';
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';

/** What Meridian uses from a verified Firebase ID token. */
export interface FirebaseIdentity {
  uid: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** `google.com`, `password`, `microsoft.com`, ... */
  signInProvider: string | null;
}

export interface FirebaseSettings {
  projectId: string;
  /** Firebase Auth emulator (host:port): unsigned emulator tokens are accepted. Never in production. */
  emulatorHost?: string;
  /** Also ask Firebase whether the token was revoked or the user disabled (needs Google credentials). */
  checkRevoked: boolean;
  production: boolean;
}

/**
 * Verifies Firebase ID tokens with `firebase-admin`: signature against Google's public keys,
 * `aud` = project id, `iss` = securetoken.google.com/<project>, expiry and auth_time. Each
 * instance owns a named Firebase app, so several services (tests) can live in one process.
 */
export class FirebaseTokenVerifier {
  private readonly app: App;

  constructor(private readonly settings: FirebaseSettings) {
    if (settings.emulatorHost) {
      if (settings.production) throw new Error('FIREBASE_AUTH_EMULATOR_HOST must not be set in production: it accepts unsigned tokens');
      // firebase-admin reads the emulator address from the environment only.
      process.env.FIREBASE_AUTH_EMULATOR_HOST = settings.emulatorHost;
    }
    this.app = initializeApp({ projectId: settings.projectId }, `meridian-users-${randomUUID()}`);
  }

  /** The identity in `idToken`; rejects when it is not a valid token of this project. */
  async verify(idToken: string): Promise<FirebaseIdentity> {
    const decoded = await getAuth(this.app).verifyIdToken(idToken, this.settings.checkRevoked);
    const name = typeof decoded.name === 'string' ? decoded.name : null;
    return {
      uid: decoded.uid,
      email: decoded.email ?? null,
      emailVerified: decoded.email_verified === true,
      name,
      signInProvider: decoded.firebase?.sign_in_provider ?? null,
    };
  }

  async close(): Promise<void> {
    await deleteApp(this.app);
  }
}
