import type { Role } from '../access/permissions';

/** GET /api/v1/me, normalised (the flags may sit on the user object or beside it). */
export interface Me {
  user: { id: string; email: string; name: string };
  workspace: { id: string; name: string };
  role: Role | null;
  emailVerified: boolean;
  mfaEnabled: boolean;
  /** A requested email change waiting for confirmation from the new inbox, if any. */
  pendingEmail: string | null;
  /** False for accounts made through Firebase / OIDC sign-in: nothing to re-enter. */
  hasPassword: boolean;
}

export interface MfaStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesRemaining: number;
}

/** Re-authentication for MFA changes: the password (when the account has one) and a code. */
export interface MfaReauthRequest {
  password?: string;
  code: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface ChangeEmailRequest {
  password: string;
  newEmail: string;
}

export interface MfaEnrolment {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

export interface RecoveryCodes {
  recoveryCodes: string[];
}

export interface SessionInfo {
  id: string;
  /** The session of the access token making the request (this browser). */
  current: boolean;
  workspace?: { id: string; name: string | null };
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  ip: string | null;
  userAgent: string | null;
}
