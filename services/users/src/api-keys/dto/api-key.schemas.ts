import { z } from 'zod';
import { ROLES } from '@meridian/platform';
import { pageLimit } from '../../members/dto/member.schemas.js';

export const API_KEY_STATUSES = ['active', 'expired', 'revoked'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

/** Body of POST /api/v1/api-keys; unknown keys (workspaceId, createdBy, id) are dropped. */
export const createApiKeySchema = z.object({
  name: z.string({ error: 'Name the key.' }).trim().min(1, 'Name the key.').max(100, 'Use at most 100 characters.'),
  role: z.enum(ROLES, { error: `A role is one of ${ROLES.join(', ')}.` }),
  expiresAt: z.iso
    .datetime({ offset: true, error: 'Give the expiry as an ISO-8601 date-time, e.g. 2030-01-31T00:00:00Z.' })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() > Date.now() + 60_000, 'The expiry must be in the future.')
    .nullish()
    .transform((d) => d ?? null),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const listApiKeysQuerySchema = z.object({
  limit: pageLimit,
  cursor: z.string().max(300).optional(),
  status: z.enum(API_KEY_STATUSES, { error: `status is one of ${API_KEY_STATUSES.join(', ')}.` }).optional(),
});
export type ListApiKeysQuery = z.infer<typeof listApiKeysQuerySchema>;

export const apiKeyIdSchema = z.uuid('API key ids are UUIDs.');
