import { z } from 'zod';
import { custom, money, optionalText, tags, uuidOrNull } from '../../shared/field-schemas.js';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD.')
  // Date.parse rolls 2026-02-30 over to March; Postgres refuses it (500). Only real days, years 0001-9999.
  .refine(
    (v) => !v.startsWith('0000') && !Number.isNaN(Date.parse(v)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'Enter a real date.',
  )
  .nullish()
  .transform((v) => v ?? null);

const shape = {
  name: z.string({ error: 'Enter a deal name.' }).trim().min(1, 'Enter a deal name.').max(200),
  amount: money,
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code such as USD or EUR.'),
  pipelineId: z.string().uuid('pipelineId is an id (UUID).'),
  stageId: z.string().uuid('stageId is an id (UUID).'),
  probability: z
    .number({ error: 'probability is a number from 0 to 100.' })
    .int()
    .min(0, 'probability is a number from 0 to 100.')
    .max(100, 'probability is a number from 0 to 100.')
    .nullish()
    .transform((v) => v ?? null),
  expectedCloseDate: date,
  ownerId: uuidOrNull('ownerId'),
  companyId: uuidOrNull('companyId'),
  contactIds: z.array(z.string().uuid('contactIds holds contact ids (UUIDs).')).max(100, 'At most 100 contacts per deal.'),
  lostReason: optionalText(500),
  tags,
  externalId: optionalText(200),
  custom,
};

export const createDealSchema = z.object({
  ...shape,
  currency: shape.currency.default('USD'),
  pipelineId: shape.pipelineId.optional(),
  stageId: shape.stageId.optional(),
  contactIds: shape.contactIds.default([]),
  tags: shape.tags.default([]),
});
export type CreateDealInput = z.infer<typeof createDealSchema>;
export const patchDealSchema = z.object(shape).partial();
export type PatchDealInput = z.infer<typeof patchDealSchema>;
