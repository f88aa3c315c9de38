import { z } from 'zod';
import { OBJECT_NAMES } from '../../records/object-definition.js';
import { FIELD_TYPES } from '../field-definition.js';

const option = z.strictObject({
  value: z.string().trim().min(1, 'Enter an option value.').max(100),
  label: z.string().trim().min(1, 'Enter an option label.').max(100),
  color: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i, 'Colors are #rrggbb.')
    .optional(),
});
const options = z
  .array(option)
  .max(200, 'At most 200 options.')
  .refine((list) => new Set(list.map((o) => o.value)).size === list.length, 'Option values must be unique.');

export const createFieldSchema = z
  .object({
    object: z.enum(OBJECT_NAMES, { error: 'object is contacts, companies or deals.' }),
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'Keys start with a letter and use a-z, 0-9 and _ (at most 63).')
      .optional(),
    label: z.string().trim().min(1, 'Enter a label.').max(100),
    type: z.enum(FIELD_TYPES, { error: `type is one of ${FIELD_TYPES.join(', ')}.` }),
    options: options.default([]),
    required: z.boolean().default(false),
  })
  .refine((f) => !['select', 'multiSelect'].includes(f.type) || f.options.length > 0, {
    path: ['options'],
    message: 'Select fields need at least one option.',
  });
export type CreateFieldInput = z.infer<typeof createFieldSchema>;

export const patchFieldSchema = z.object({
  label: z.string().trim().min(1, 'Enter a label.').max(100).optional(),
  options: options.optional(),
  required: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type PatchFieldInput = z.infer<typeof patchFieldSchema>;

export const listFieldsQuerySchema = z.object({ object: z.enum(OBJECT_NAMES).optional() });

/** A key from a label: "Renewal date" → renewal_date. */
export const keyFromLabel = (label: string): string => {
  const key = label
    .normalize('NFKD')
    .replace(/[^\w\s]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_')
    .replace(/^[^a-z]+/, '')
    .slice(0, 63);
  return key || 'field';
};
