import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Building blocks of the object schemas: trimmed text, E.164 phones, emails, tags. */

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Phones are stored in E.164; input must be international (+country code). */
export const phone = z
  .string()
  .trim()
  .max(40)
  .transform((value, ctx) => {
    if (value === '') return null;
    const parsed = parsePhoneNumberFromString(value);
    if (!parsed?.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'Enter a phone number with its country code, e.g. +44 20 7946 0958.' });
      return z.NEVER;
    }
    return parsed.number as string;
  });

export const email = z.string().trim().toLowerCase().email('Enter a valid email address.').max(254);

export const optionalEmail = z
  .union([z.literal(''), email])
  .nullish()
  .transform((v) => (v ? v : null));

export const tags = z
  .array(z.string().trim().min(1, 'Tags are not empty.').max(50, 'Tags have at most 50 characters.'))
  .max(50, 'At most 50 tags.')
  .transform((list) => [...new Set(list)]);

export const uuidOrNull = (label: string) =>
  z
    .string()
    .uuid(`${label} is an id (UUID).`)
    .nullish()
    .transform((v) => v ?? null);

export const address = z
  .strictObject({
    street: optionalText(200).optional(),
    city: optionalText(100).optional(),
    region: optionalText(100).optional(),
    postalCode: optionalText(20).optional(),
    country: optionalText(100).optional(),
  })
  .nullish()
  .transform((v) => v ?? null);

export const custom = z.record(z.string().max(63), z.unknown()).optional();

/** A decimal amount as a string with two places; numbers and numeric strings are accepted. */
export const money = z
  .union([z.number(), z.string().trim()])
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n) || Math.abs(n) >= 1e16) {
      ctx.addIssue({ code: 'custom', message: 'Enter an amount, e.g. 12500 or 12500.50.' });
      return z.NEVER;
    }
    return n.toFixed(2);
  });

/** Makes every key optional for PATCH, keeping the transforms (null clears). */
export const partialOf = <T extends z.ZodRawShape>(shape: T) => z.object(shape).partial();
