import { z } from 'zod';

export const IMPORT_OBJECTS = ['contacts', 'companies', 'deals'] as const;
export type ImportObject = (typeof IMPORT_OBJECTS)[number];
export type DedupeBy = 'email' | 'domain' | 'externalId' | 'none';

/** Which dedupe keys make sense for each object, the first being the default. */
export const DEDUPE_KEYS: Record<ImportObject, readonly DedupeBy[]> = {
  contacts: ['email', 'externalId', 'none'],
  companies: ['domain', 'externalId', 'none'],
  deals: ['externalId', 'none'],
};

const formBoolean = z
  .enum(['true', 'false', '1', '0', 'on', 'off'], { error: 'Use true or false.' })
  .transform((v) => v === 'true' || v === '1' || v === 'on');

const mappingJson = z
  .string()
  .max(100_000)
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'mapping must be a JSON object of CSV header → field key.' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().max(500), z.string().max(100), { error: 'mapping must be a JSON object of CSV header → field key.' }));

/** The multipart form fields of POST /api/v1/imports (all strings on the wire). */
export const importFormSchema = z
  .object({
    object: z.enum(IMPORT_OBJECTS, { error: 'object must be contacts, companies or deals.' }),
    mapping: mappingJson.optional(),
    createFields: formBoolean.default(false),
    dedupeBy: z
      .enum(['email', 'domain', 'externalId', 'none'], { error: 'dedupeBy must be email, domain, externalId or none.' })
      .optional(),
    onDuplicate: z.enum(['update', 'skip'], { error: 'onDuplicate must be update or skip.' }).default('update'),
    idempotencyKey: z
      .string()
      .trim()
      .min(1)
      .max(200, 'idempotencyKey is at most 200 characters.')
      .regex(/^[\x21-\x7e]+$/, 'idempotencyKey is printable ASCII without spaces.')
      .optional(),
  })
  .transform((form, ctx) => {
    const allowed = DEDUPE_KEYS[form.object];
    const dedupeBy = form.dedupeBy ?? allowed[0]!;
    if (!allowed.includes(dedupeBy)) {
      ctx.addIssue({ code: 'custom', path: ['dedupeBy'], message: `${form.object} can be deduplicated by ${allowed.join(', ')}.` });
    }
    return { ...form, dedupeBy };
  });
export type ImportForm = z.infer<typeof importFormSchema>;

export const previewFormSchema = z.object({
  object: z.enum(IMPORT_OBJECTS, { error: 'object must be contacts, companies or deals.' }).default('contacts'),
  createFields: formBoolean.default(false),
});

/** Settings of one import as stored in crm.imports.options. */
export interface ImportOptions {
  mapping: Record<string, string> | null;
  createFields: boolean;
  dedupeBy: DedupeBy;
  onDuplicate: 'update' | 'skip';
  delimiter: ',' | ';';
  /** The importer sees only their own records ('team' visibility): dedupe matches only those. */
  ownRecordsOnly?: boolean;
}

export const importIdSchema = z.string().uuid('Import ids are UUIDs.');

export const listImportsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, 'limit must be at least 1.').max(200, 'limit must be at most 200.').default(20),
  cursor: z.string().max(200).optional(),
});
export type ListImportsQuery = z.infer<typeof listImportsQuerySchema>;
