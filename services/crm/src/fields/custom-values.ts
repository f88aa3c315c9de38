import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { FieldDefinition } from './field-definition.js';

export interface FieldIssue {
  field: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * ISO 8601 UTC of a date Postgres can cast back (years 0001-9999), else undefined: values are
 * stored as JSON but filters and sorts cast them, so one bad value would fail every list.
 */
function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return undefined;
  const iso = new Date(value).toISOString();
  return /^(?!0000)\d{4}-/.test(iso) ? iso : undefined;
}

/** One custom value checked and normalised for its type; a string = the problem. */
export function normaliseCustomValue(def: FieldDefinition, value: unknown): { value: unknown } | string {
  const options = new Set(def.options.map((o) => o.value));
  switch (def.type) {
    case 'text':
    case 'longText': {
      if (typeof value !== 'string' && typeof value !== 'number') return 'Enter text.';
      const text = String(value);
      const max = def.type === 'text' ? 1000 : 20000;
      return text.length > max ? `At most ${max} characters.` : { value: text };
    }
    case 'number':
    case 'currency': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
      return Number.isFinite(n) ? { value: n } : 'Enter a number.';
    }
    case 'date':
      // Date.parse rolls 2026-02-30 over to March: only real calendar days pass.
      return typeof value === 'string' && DATE.test(value) && isoDate(value)?.startsWith(value) ? { value } : 'Enter a date as YYYY-MM-DD.';
    case 'datetime': {
      const iso = isoDate(value);
      return iso ? { value: iso } : 'Enter a date and time (ISO 8601).';
    }
    case 'boolean':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false') return { value: value === 'true' };
      return 'Enter true or false.';
    case 'select':
      return typeof value === 'string' && options.has(value) ? { value } : `Choose one of: ${[...options].join(', ')}.`;
    case 'multiSelect': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && options.has(v))) {
        return `Choose any of: ${[...options].join(', ')}.`;
      }
      return { value: [...new Set(value as string[])] };
    }
    case 'url': {
      if (typeof value !== 'string') return 'Enter a web address.';
      try {
        const url = new URL(/^[a-z]+:\/\//i.test(value) ? value : `https://${value}`);
        return url.protocol === 'http:' || url.protocol === 'https:' ? { value: url.toString() } : 'Enter an http(s) address.';
      } catch {
        return 'Enter a web address.';
      }
    }
    case 'email':
      return typeof value === 'string' && EMAIL.test(value.trim()) && value.length <= 254
        ? { value: value.trim().toLowerCase() }
        : 'Enter a valid email address.';
    case 'phone': {
      const parsed = typeof value === 'string' ? parsePhoneNumberFromString(value.trim()) : undefined;
      return parsed?.isValid() ? { value: parsed.number } : 'Enter a phone number with its country code, e.g. +44 20 7946 0958.';
    }
    case 'user':
      return typeof value === 'string' && UUID.test(value) ? { value: value.toLowerCase() } : 'Choose a user (id).';
  }
}

/**
 * Validates a record's `custom` object against the workspace's definitions. `null` clears a
 * key. On create, required fields must be present. Returns the normalised object.
 */
export function validateCustomValues(
  defs: readonly FieldDefinition[],
  input: Record<string, unknown> | undefined,
  mode: 'create' | 'patch',
): { values: Record<string, unknown>; issues: FieldIssue[] } {
  const values: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const [key, raw] of Object.entries(input ?? {})) {
    const def = byKey.get(key);
    if (!def) {
      issues.push({ field: `custom.${key.slice(0, 80)}`, message: 'No such custom field on this object.' });
      continue;
    }
    if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) {
      if (def.required) issues.push({ field: `custom.${key}`, message: `${def.label} is required.` });
      else values[key] = null;
      continue;
    }
    const checked = normaliseCustomValue(def, raw);
    if (typeof checked === 'string') issues.push({ field: `custom.${key}`, message: checked });
    else values[key] = checked.value;
  }
  if (mode === 'create') {
    for (const def of defs) {
      if (
        def.required &&
        (values[def.key] === undefined || values[def.key] === null) &&
        !issues.some((i) => i.field === `custom.${def.key}`)
      ) {
        issues.push({ field: `custom.${def.key}`, message: `${def.label} is required.` });
      }
    }
  }
  return { values, issues };
}
