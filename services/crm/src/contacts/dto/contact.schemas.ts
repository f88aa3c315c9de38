import { z } from 'zod';
import { address, custom, email, optionalEmail, optionalText, phone, tags, uuidOrNull } from '../../shared/field-schemas.js';
import { LEAD_STATUSES, LIFECYCLE_STAGES } from '../contact-vocabulary.js';

const name = (label: string) =>
  z
    .string({ error: `Enter a ${label}.` })
    .trim()
    .max(200, `A ${label} has at most 200 characters.`);

const social = z
  .strictObject({ linkedin: optionalText(300).optional(), twitter: optionalText(100).optional(), website: optionalText(300).optional() })
  .nullish()
  .transform((v) => v ?? null);

const shape = {
  firstName: name('first name'),
  lastName: name('last name'),
  email: optionalEmail,
  otherEmails: z.array(email).max(20, 'At most 20 other emails.'),
  phone: phone.nullish().transform((v) => v ?? null),
  otherPhones: z.array(phone).max(20, 'At most 20 other phones.'),
  title: optionalText(200),
  companyId: uuidOrNull('companyId'),
  ownerId: uuidOrNull('ownerId'),
  lifecycleStage: z
    .enum(LIFECYCLE_STAGES, { error: `lifecycleStage is one of ${LIFECYCLE_STAGES.join(', ')}.` })
    .nullish()
    .transform((v) => v ?? null),
  leadStatus: z
    .enum(LEAD_STATUSES, { error: `leadStatus is one of ${LEAD_STATUSES.join(', ')}.` })
    .nullish()
    .transform((v) => v ?? null),
  source: optionalText(100),
  tags,
  address,
  social,
  externalId: optionalText(200),
  custom,
};

const hasIdentity = (c: { firstName?: string; lastName?: string; email?: string | null }) => Boolean(c.firstName || c.lastName || c.email);

/** Body of POST /api/v1/contacts. Unknown keys (workspaceId, id, createdBy) are dropped. */
export const createContactSchema = z
  .object({
    ...shape,
    firstName: shape.firstName.default(''),
    lastName: shape.lastName.default(''),
    otherEmails: shape.otherEmails.default([]),
    otherPhones: shape.otherPhones.default([]),
    tags: shape.tags.default([]),
  })
  .refine(hasIdentity, { path: ['firstName'], message: 'Enter a name or an email address.' });
export type CreateContactInput = z.infer<typeof createContactSchema>;

/** Body of PATCH /api/v1/contacts/:id: any subset; null clears. */
export const patchContactSchema = z.object(shape).partial();
export type PatchContactInput = z.infer<typeof patchContactSchema>;
