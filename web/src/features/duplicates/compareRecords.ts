import type { AnyRecord } from '../records/types';
import type { DuplicateObject } from './types';

/** The fields a person compares before merging, in reading order; custom fields follow. */
export const COMPARED_FIELDS: Record<DuplicateObject, string[]> = {
  contacts: [
    'firstName',
    'lastName',
    'email',
    'otherEmails',
    'phone',
    'otherPhones',
    'title',
    'companyId',
    'ownerId',
    'lifecycleStage',
    'leadStatus',
    'source',
    'tags',
    'address',
    'social',
    'externalId',
  ],
  companies: ['name', 'domain', 'industry', 'employees', 'annualRevenue', 'ownerId', 'tags', 'address', 'externalId'],
};

/** A record's value for a field key; `custom.<key>` reads the custom bag. */
export function valueOf(record: AnyRecord, field: string): unknown {
  if (field.startsWith('custom.')) return record.custom?.[field.slice('custom.'.length)];
  return (record as Record<string, unknown>)[field];
}

/** Empty means nothing to keep: null, '', [], or an object whose parts are all empty. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).every(isEmptyValue);
  return false;
}

/** A value as one line of text (lists joined, address parts joined). */
export function displayValue(value: unknown): string {
  if (isEmptyValue(value)) return '';
  if (Array.isArray(value)) return value.map(displayValue).filter(Boolean).join(', ');
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .map(displayValue)
      .filter(Boolean)
      .join(', ');
  return String(value);
}

const canonical = (value: unknown): string => (isEmptyValue(value) ? '' : JSON.stringify(value));

export interface FieldComparison {
  field: string;
  values: [unknown, unknown];
  same: boolean;
}

/** Every compared field of the two records, standard then custom, marked same or different. */
export function compareRecords(object: DuplicateObject, a: AnyRecord, b: AnyRecord): FieldComparison[] {
  const customKeys = [...new Set([...Object.keys(a.custom ?? {}), ...Object.keys(b.custom ?? {})])].sort().map((k) => `custom.${k}`);
  return [...COMPARED_FIELDS[object], ...customKeys]
    .map((field) => ({ field, values: [valueOf(a, field), valueOf(b, field)] as [unknown, unknown] }))
    .filter(({ values }) => !(isEmptyValue(values[0]) && isEmptyValue(values[1])))
    .map((entry) => ({ ...entry, same: canonical(entry.values[0]) === canonical(entry.values[1]) }));
}

/**
 * The record to keep by default: the one holding more values (ties: the older one), so the
 * fewest choices need changing.
 */
export function defaultPrimary(object: DuplicateObject, a: AnyRecord, b: AnyRecord): AnyRecord {
  const filled = (r: AnyRecord) => compareRecords(object, r, r).length;
  if (filled(a) !== filled(b)) return filled(a) > filled(b) ? a : b;
  return a.createdAt <= b.createdAt ? a : b;
}

/**
 * The initial choice per differing field: the primary's value, unless it is empty and the
 * other record has one (nobody wants to merge a phone number away).
 */
export function defaultChoices(comparisons: FieldComparison[], ids: [string, string], primaryId: string): Record<string, string> {
  const primaryFirst = ids[0] === primaryId;
  const otherId = primaryFirst ? ids[1] : ids[0];
  const choices: Record<string, string> = {};
  for (const { field, values, same } of comparisons) {
    if (same) continue;
    const [mine, theirs] = primaryFirst ? values : [values[1], values[0]];
    choices[field] = isEmptyValue(mine) && !isEmptyValue(theirs) ? otherId : primaryId;
  }
  return choices;
}

/** A person's or company's name for headings. */
export function recordTitle(object: DuplicateObject, record: AnyRecord): string {
  if (object === 'companies') return displayValue(record.name);
  const name = [record.firstName, record.lastName].map(displayValue).filter(Boolean).join(' ');
  return name || displayValue(record.email);
}
