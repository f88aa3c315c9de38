import { z } from 'zod';
import { baseConfigSchema, envBoolean, sensitive } from '@meridian/platform';

export const usersConfigSchema = baseConfigSchema.extend({
  /** Encrypts the JWT signing keys at rest (AES-256-GCM); 32+ characters. */
  AUTH_SIGNING_KEY_SECRET: sensitive(z.string().min(32)),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(900).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  /** Absolute lifetime of a refresh-token family, however often it rotates. */
  REFRESH_FAMILY_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  /** communication's gRPC (host:port) for invite emails; when unset, invite emails are not sent (logged at boot). */
  COMMUNICATION_GRPC_URL: z.string().min(3).optional(),
  /** The web app's public origin, for links in emails (invite acceptance). */
  PUBLIC_APP_URL: z.string().url().default('http://localhost:8080'),
  /** How often the audit-log retention sweep runs. */
  AUDIT_PURGE_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /** Where user preferences live: Postgres (embedded default) or Firestore (FIRESTORE_EMULATOR_HOST for the emulator). */
  PREFERENCES_STORE: z.enum(['postgres', 'firestore']).default('postgres'),
  FIRESTORE_PROJECT_ID: z.string().default('meridian-local'),
  FIRESTORE_DATABASE_ID: z.string().optional(),
  /** gRPC (host:port) of the services whose data goes into a workspace export; unset ones are listed as skipped. */
  CRM_GRPC_URL: z.string().min(3).optional(),
  WORKFLOW_GRPC_URL: z.string().min(3).optional(),
  ANALYTICS_GRPC_URL: z.string().min(3).optional(),
  /** Where export archives are written (a mounted volume or bucket-backed path in the cloud). */
  EXPORTS_DIR: z.string().default('.meridian/exports'),
  /** Firebase project whose ID tokens may sign in (POST /api/v1/auth/firebase); unset = Firebase sign-in off. */
  FIREBASE_PROJECT_ID: z.string().min(1).optional(),
  /** Firebase Auth emulator (host:port): accepts its unsigned tokens. Refused when NODE_ENV=production. */
  FIREBASE_AUTH_EMULATOR_HOST: z.string().min(3).optional(),
  /** Ask Firebase whether an ID token was revoked or its user disabled (needs Google credentials). */
  FIREBASE_CHECK_REVOKED: envBoolean(false),
  /** Log-in attempts per account (email as typed) and per IP in 15 minutes; then 429 until the window ends. */
  LOGIN_THROTTLE_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOGIN_THROTTLE_PER_IP: z.coerce.number().int().min(1).default(100),
  /** Wrong second-factor codes per user in 15 minutes. */
  MFA_THROTTLE_PER_USER: z.coerce.number().int().min(1).default(5),
  /** Password-reset requests per account and per IP in an hour. */
  PASSWORD_RESET_THROTTLE_PER_ACCOUNT: z.coerce.number().int().min(1).default(3),
  PASSWORD_RESET_THROTTLE_PER_IP: z.coerce.number().int().min(1).default(20),
});

export type UsersConfig = z.infer<typeof usersConfigSchema>;
