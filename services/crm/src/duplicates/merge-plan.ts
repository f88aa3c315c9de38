import { ValidationError } from '@meridian/platform';
import type { DuplicateObject, Row } from './record-rows.js';

/** Fields whose single value is chosen (API key → column of the row). */
export const MERGE_FIELDS: Record<DuplicateObject, Record<string, string>> = {
  contacts: {
    firstName: 'first_name',
    lastName: 'last_name',
    email: 'email',
    phone: 'phone',
    title: 'title',
    companyId: 'company_id',
    ownerId: 'owner_id',
    lifecycleStage: 'lifecycle_stage',
    leadStatus: 'lead_status',
    source: 'source',
    address: 'address',
    social: 'social',
    externalId: 'external_id',
  },
  companies: {
    name: 'name',
    domain: 'domain',
    industry: 'industry',
    employees: 'employees',
    annualRevenue: 'annual_revenue',
    ownerId: 'owner_id',
    address: 'address',
    externalId: 'external_id',
  },
};

export const isEmpty = (v: unknown): boolean =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.values(v as object).every((x) => x === null || x === ''));

const unique = (values: unknown[]): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];

/** The primary's row after the merge: column → value (only mergeable columns). */
export type MergedValues = Record<string, unknown>;

/**
 * Decides the merged record: a field named in `choices` takes that record's value; any
 * other takes the primary's, or when empty the first non-empty duplicate's (in the order
 * given). Emails, phones and tags are unioned; custom values merged key by key the same way.
 */
export function planMerge(object: DuplicateObject, primary: Row, duplicates: Row[], choices: Record<string, string> = {}): MergedValues {
  const byId = new Map([primary, ...duplicates].map((r) => [String(r.id), r]));
  const fields = MERGE_FIELDS[object];
  const errors: { field: string; message: string }[] = [];
  for (const [key, id] of Object.entries(choices)) {
    const known = key in fields || /^custom\.[a-z][a-z0-9_]{0,62}$/.test(key);
    if (!known) errors.push({ field: `fieldChoices.${key}`, message: `${key} is not a field that can be chosen.` });
    else if (!byId.has(id)) errors.push({ field: `fieldChoices.${key}`, message: 'Choose one of the records being merged.' });
  }
  if (errors.length) throw new ValidationError(errors);

  const ordered = [primary, ...duplicates];
  const pick = (key: string, get: (r: Row) => unknown) => {
    const chosen = choices[key];
    if (chosen) return get(byId.get(chosen)!) ?? null;
    return ordered.map(get).find((v) => !isEmpty(v)) ?? get(primary) ?? null;
  };
  const merged: MergedValues = {};
  for (const [key, column] of Object.entries(fields)) merged[column] = pick(key, (r) => r[column]);

  const custom: Record<string, unknown> = {};
  for (const r of [...ordered].reverse()) {
    for (const [k, v] of Object.entries((r.custom as Record<string, unknown>) ?? {})) if (!isEmpty(v)) custom[k] = v;
  }
  for (const [key, id] of Object.entries(choices)) {
    if (!key.startsWith('custom.')) continue;
    const k = key.slice('custom.'.length);
    const v = ((byId.get(id)!.custom as Record<string, unknown>) ?? {})[k];
    if (isEmpty(v)) delete custom[k];
    else custom[k] = v;
  }
  merged.custom = custom;
  merged.tags = unique(ordered.flatMap((r) => (r.tags as string[]) ?? []));

  if (object === 'contacts') {
    const email = (merged.email as string | null) ?? null;
    merged.emails = unique(
      ordered.flatMap((r) => [r.email, ...((r.other_emails as string[]) ?? [])]).map((e) => (e as string)?.toLowerCase()),
    ).filter((e) => e !== email);
    const phone = (merged.phone as string | null) ?? null;
    merged.phones = unique(ordered.flatMap((r) => [r.phone, ...((r.other_phones as string[]) ?? [])])).filter((p) => p !== phone);
    merged.first_name = merged.first_name ?? '';
    merged.last_name = merged.last_name ?? '';
  }
  return merged;
}
