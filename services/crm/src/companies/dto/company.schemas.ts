import { z } from 'zod';
import { address, custom, money, optionalText, tags, uuidOrNull } from '../../shared/field-schemas.js';

/** "https://www.Acme.com/about" → "acme.com": one company per domain and workspace. */
export function normaliseDomain(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  if (!value) return null;
  try {
    const host = new URL(/^[a-z]+:\/\//.test(value) ? value : `https://${value}`).hostname.replace(/^www\./, '');
    return /^([a-z0-9-]+\.)+[a-z]{2,}$/.test(host) ? host : null;
  } catch {
    return null;
  }
}

const domain = z
  .string()
  .max(253)
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v.trim() === '') return null;
    const d = normaliseDomain(v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: 'Enter a domain such as acme.com.' });
      return z.NEVER;
    }
    return d;
  });

const shape = {
  name: z.string({ error: 'Enter a company name.' }).trim().min(1, 'Enter a company name.').max(200),
  domain,
  industry: optionalText(100),
  employees: z
    .number({ error: 'employees is a whole number.' })
    .int('employees is a whole number.')
    .min(0)
    .max(10_000_000)
    .nullish()
    .transform((v) => v ?? null),
  annualRevenue: money,
  address,
  ownerId: uuidOrNull('ownerId'),
  tags,
  externalId: optionalText(200),
  custom,
};

export const createCompanySchema = z.object({ ...shape, tags: shape.tags.default([]) });
export type CreateCompanyInput = z.infer<typeof createCompanySchema>;
export const patchCompanySchema = z.object(shape).partial();
export type PatchCompanyInput = z.infer<typeof patchCompanySchema>;
