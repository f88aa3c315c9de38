import { REQUIRED_ANY } from './importTargets';
import type { ImportObject } from './types';

/** The mapping value that leaves a column out. */
export const SKIP = '';

/** A custom field key (^[a-z][a-z0-9_]{0,62}$) made from a CSV header: "Renewal date" → "renewal_date". */
export function customKeyFor(header: string): string {
  const slug = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const key = /^[a-z]/.test(slug) ? slug : `field_${slug}`;
  return key.slice(0, 63).replace(/_+$/, '') || 'field';
}

export interface MappingProblems {
  /** Field keys that more than one column is mapped to. */
  duplicateTargets: string[];
  /** No column maps to a field a record needs (e.g. a contact's name or email). */
  missingRequired: boolean;
  /** Nothing is imported at all. */
  empty: boolean;
}

export function mappingProblems(object: ImportObject, mapping: Record<string, string>): MappingProblems {
  const targets = Object.values(mapping).filter((value) => value !== SKIP);
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const target of targets) {
    if (seen.has(target)) duplicates.add(target);
    seen.add(target);
  }
  return {
    duplicateTargets: [...duplicates],
    missingRequired: !REQUIRED_ANY[object].some((key) => seen.has(key)),
    empty: targets.length === 0,
  };
}

export const hasProblems = (p: MappingProblems) => p.duplicateTargets.length > 0 || p.missingRequired || p.empty;

/** The first rows as they will be imported: one entry per mapped column, in file order. */
export function mappedRows(headers: string[], rows: string[][], mapping: Record<string, string>, limit = 5) {
  const columns = headers.map((header, index) => ({ header, index, target: mapping[header] ?? SKIP })).filter((c) => c.target !== SKIP);
  return {
    columns,
    rows: rows.slice(0, limit).map((row) => columns.map((c) => row[c.index] ?? '')),
  };
}

/** A few non-empty sample values of one column, to help choose its field. */
export function samplesOf(rows: string[][], index: number, count = 3): string[] {
  const values: string[] = [];
  for (const row of rows) {
    const value = (row[index] ?? '').trim();
    if (value && !values.includes(value)) values.push(value);
    if (values.length === count) break;
  }
  return values;
}
