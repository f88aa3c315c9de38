import { z } from 'zod';
import { baseConfigSchema, sensitive } from '@meridian/platform';

export const usersConfigSchema = baseConfigSchema.extend({
  /** Encrypts the JWT signing keys at rest (AES-256-GCM); 32+ characters. */
  AUTH_SIGNING_KEY_SECRET: sensitive(z.string().min(32)),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(900).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  /** Absolute lifetime of a refresh-token family, however often it rotates. */
  REFRESH_FAMILY_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(90),
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
});

export type UsersConfig = z.infer<typeof usersConfigSchema>;
