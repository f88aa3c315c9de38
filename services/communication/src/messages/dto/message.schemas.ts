import { z } from 'zod';
import { EmailCategory } from '@meridian/proto/communication/v1/email_service';
import type { EmailCategoryName } from '../message.entity.js';

/** Proto enum value → stored category; UNSPECIFIED and unknown values are refused. */
export const CATEGORY_BY_ENUM: ReadonlyMap<number, EmailCategoryName> = new Map([
  [EmailCategory.EMAIL_CATEGORY_VERIFICATION, 'verification'],
  [EmailCategory.EMAIL_CATEGORY_PASSWORD_RESET, 'password_reset'],
  [EmailCategory.EMAIL_CATEGORY_INVITE, 'invite'],
  [EmailCategory.EMAIL_CATEGORY_SECURITY_NOTICE, 'security_notice'],
]);

// Header fields must not carry line breaks or other control characters (header injection).
const CONTROL = /[\u0000-\u001f\u007f]/;

const body = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label} must be at most ${max} characters.`)
    .default('')
    .transform((v) => (v.trim() === '' ? null : v));

/** communication.v1.SendEmailRequest, as ts-proto/proto-loader hand it over (proto3 defaults filled in). */
export const sendEmailSchema = z
  .object({
    to: z
      .string({ error: 'Enter the recipient address.' })
      .trim()
      .min(1, 'Enter the recipient address.')
      .max(254, 'The recipient address is too long.')
      .pipe(z.email('Enter one valid email address, without a display name.')),
    subject: z
      .string({ error: 'Enter a subject.' })
      .trim()
      .min(1, 'Enter a subject.')
      .max(500, 'The subject must be at most 500 characters.')
      .refine((v) => !CONTROL.test(v), 'The subject must be one line without control characters.'),
    text: body(200_000, 'The text body'),
    html: body(500_000, 'The HTML body'),
    category: z.number({ error: 'Choose a category.' }).transform((value, ctx) => {
      const name = CATEGORY_BY_ENUM.get(value);
      if (!name) {
        ctx.addIssue({ code: 'custom', message: 'Choose a category: verification, password reset, invite or security notice.' });
        return z.NEVER;
      }
      return name;
    }),
    idempotencyKey: z
      .string({ error: 'Give an idempotency key.' })
      .min(1, 'Give an idempotency key, e.g. reset:<token id>; the same key never sends twice.')
      .max(200, 'The idempotency key must be at most 200 characters.')
      .regex(/^[\x21-\x7e]+$/, 'The idempotency key must be printable ASCII without spaces.'),
  })
  .superRefine((v, ctx) => {
    if (v.text === null && v.html === null) ctx.addIssue({ code: 'custom', path: ['text'], message: 'Give a text or an HTML body.' });
  });
export type SendEmailInput = z.infer<typeof sendEmailSchema>;

export const listMessagesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, 'limit must be at least 1.').max(200, 'limit must be at most 200.').default(50),
  cursor: z.string().max(200).optional(),
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuerySchema>;

export const messageIdSchema = z.string().uuid('Message ids are UUIDs.');
