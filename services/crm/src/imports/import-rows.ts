import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { LEAD_STATUSES, LIFECYCLE_STAGES } from '../contacts/contact-vocabulary.js';
import { normaliseCustomValue } from '../fields/custom-values.js';
import { email as emailSchema } from '../shared/field-schemas.js';
import type { FieldDefinition } from '../fields/field-definition.js';
import { CUSTOM_KEY } from './import-catalog.js';
import type { ImportObject } from './dto/import.schemas.js';

/** Why a row (or one of its cells) was not imported; `column` is the CSV header. */
export interface RowIssue {
  column: string | null;
  reason: string;
  value?: string | null;
}

/** Values found by name and resolved by the writer against the workspace's records. */
export interface RowLookups {
  company?: string;
  owner?: string;
  pipeline?: string;
  stage?: string;
}

/** A CSV row turned into record columns (only the cells the file filled), not yet written. */
export interface RowCandidate {
  row: number;
  values: Record<string, unknown>;
  custom: Record<string, unknown>;
  lookups: RowLookups;
  /** Lookup/field → CSV header, so writer-side problems name the column too. */
  columns: Record<string, string>;
}

/** One mapped CSV column. */
export interface ColumnPlan {
  index: number;
  header: string;
  target: string;
}

export interface ConversionContext {
  object: ImportObject;
  columns: readonly ColumnPlan[];
  headerCount: number;
  /** Custom field definitions of the object by key. */
  fields: ReadonlyMap<string, FieldDefinition>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const squash = (v: string) => v.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Enum spellings from other CRMs: "Marketing Qualified Lead", "MQL", "Attempted to contact". */
const ENUM_ALIASES: Record<string, string> = {
  marketingqualifiedlead: 'marketingQualified',
  mql: 'marketingQualified',
  salesqualifiedlead: 'salesQualified',
  sql: 'salesQualified',
  inprogress: 'inProgress',
  working: 'inProgress',
  workingcontacted: 'inProgress',
  opendeal: 'openDeal',
  attemptedtocontact: 'attemptedToContact',
  openednotcontacted: 'open',
  closedconverted: 'connected',
  closednotconverted: 'unqualified',
  badtiming: 'badTiming',
};

function enumValue(raw: string, allowed: readonly string[]): string | null {
  const key = squash(raw);
  return (
    allowed.find((a) => a.toLowerCase() === key) ?? (ENUM_ALIASES[key] && allowed.includes(ENUM_ALIASES[key]) ? ENUM_ALIASES[key] : null)
  );
}

const list = (raw: string): string[] => [
  ...new Set(
    raw
      .split(/[;,|\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/** "€1,250.50", "1 250,50" → "1250.50"; null when it is not an amount. */
export function decimal(raw: string): string | null {
  let v = raw.replace(/[\s\u00a0$€£¥]|[A-Z]{3}$/g, '');
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(v) || /^-?\d+,\d{1,2}$/.test(v)) v = v.replace(/\./g, '').replace(',', '.');
  else v = v.replace(/,/g, '');
  if (!/^-?\d{1,16}(\.\d{1,2})?$/.test(v)) return null;
  // numeric(18,2) reads back with two decimals: write it the same way so updates compare equal.
  const [whole, cents = ''] = v.split('.');
  return `${whole}.${cents.padEnd(2, '0')}`;
}

/** YYYY-MM-DD from "2026-03-01", "2026/03/01" or an ISO date-time. */
export function isoDate(raw: string): string | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(raw);
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : null;
}

/** The same rule as the API's email fields (lower-cased, at most 254 characters). */
export function normaliseEmail(raw: string): string | null {
  const parsed = emailSchema.safeParse(raw.trim().replace(/^mailto:/i, ''));
  return parsed.success ? parsed.data : null;
}

export function normalisePhone(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim());
  return parsed?.isValid() ? (parsed.number as string) : null;
}

/** "https://www.Acme.com/about" → "acme.com". */
export function normaliseDomain(raw: string): string | null {
  const host = raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .split(/[/?#:]/)[0]!;
  return DOMAIN.test(host) ? host : null;
}

/** A CSV cell to the JSON shape a custom field type takes, then checked by the fields module. */
function customValue(def: FieldDefinition, raw: string): { value: unknown } | string {
  let value: unknown = raw;
  if (def.type === 'boolean') {
    const key = squash(raw);
    value = ['true', 'yes', 'y', '1', 'x', 'checked'].includes(key)
      ? true
      : ['false', 'no', 'n', '0', 'unchecked'].includes(key)
        ? false
        : raw;
  } else if (def.type === 'number' || def.type === 'currency') {
    value = decimal(raw) ?? raw;
  } else if (def.type === 'date') {
    value = isoDate(raw) ?? raw;
  } else if (def.type === 'select') {
    value = optionValue(def, raw);
  } else if (def.type === 'multiSelect') {
    value = list(raw).map((v) => optionValue(def, v));
  }
  return normaliseCustomValue(def, value);
}

/** The option a cell names, matched by value or, ignoring case, by label. */
export function optionValue(def: FieldDefinition, raw: string): string {
  const lower = raw.toLowerCase();
  return (
    def.options.find((o) => o.value === raw)?.value ??
    def.options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower)?.value ??
    raw
  );
}

type Setter = (c: RowCandidate, raw: string, plan: ColumnPlan) => string | null;

const text =
  (column: string, max: number): Setter =>
  (c, raw) => {
    if (raw.length > max) return `At most ${max} characters.`;
    c.values[column] = raw;
    return null;
  };
const part =
  (column: 'address' | 'social', key: string, max: number): Setter =>
  (c, raw) => {
    if (raw.length > max) return `At most ${max} characters.`;
    c.values[column] = { ...((c.values[column] as object | undefined) ?? {}), [key]: raw };
    return null;
  };
const lookup =
  (key: keyof RowLookups): Setter =>
  (c, raw, plan) => {
    if (raw.length > 320) return 'At most 320 characters.';
    c.lookups[key] = raw;
    c.columns[key] = plan.header;
    return null;
  };
const uuid =
  (column: string): Setter =>
  (c, raw) => {
    if (!UUID.test(raw)) return 'Not an id (UUID).';
    c.values[column] = raw.toLowerCase();
    return null;
  };
const tags: Setter = (c, raw) => {
  const values = list(raw);
  if (values.some((t) => t.length > 50)) return 'Tags have at most 50 characters.';
  const all = [...new Set([...((c.values.tags as string[] | undefined) ?? []), ...values])];
  if (all.length > 50) return 'At most 50 tags.';
  c.values.tags = all;
  return null;
};

const ADDRESS: Record<string, Setter> = {
  'address.street': part('address', 'street', 200),
  'address.city': part('address', 'city', 100),
  'address.region': part('address', 'region', 100),
  'address.postalCode': part('address', 'postalCode', 20),
  'address.country': part('address', 'country', 100),
};
const SHARED: Record<string, Setter> = {
  owner: lookup('owner'),
  ownerId: uuid('owner_id'),
  tags,
  externalId: text('external_id', 200),
};

const SETTERS: Record<ImportObject, Record<string, Setter>> = {
  contacts: {
    ...SHARED,
    ...ADDRESS,
    firstName: text('first_name', 200),
    lastName: text('last_name', 200),
    fullName: (c, raw) => {
      if (raw.length > 400) return 'At most 400 characters.';
      const words = raw.split(/\s+/);
      c.values.first_name = words.length > 1 ? words.slice(0, -1).join(' ') : raw;
      if (words.length > 1) c.values.last_name = words[words.length - 1];
      return null;
    },
    email: (c, raw) => {
      const email = normaliseEmail(raw);
      if (!email) return 'Not a valid email address.';
      c.values.email = email;
      return null;
    },
    otherEmails: (c, raw) => {
      const emails = list(raw).map(normaliseEmail);
      if (emails.some((e) => !e)) return 'Not a list of valid email addresses.';
      if (emails.length > 20) return 'At most 20 other emails.';
      c.values.emails = emails;
      return null;
    },
    phone: (c, raw) => {
      const phone = normalisePhone(raw);
      if (!phone) return 'Not a phone number with its country code (e.g. +44 20 7946 0958).';
      c.values.phone = phone;
      return null;
    },
    otherPhones: (c, raw) => {
      const phones = list(raw).map(normalisePhone);
      if (phones.some((p) => !p)) return 'Not a list of phone numbers with country codes.';
      if (phones.length > 20) return 'At most 20 other phones.';
      c.values.phones = phones;
      return null;
    },
    title: text('title', 200),
    company: lookup('company'),
    companyId: uuid('company_id'),
    lifecycleStage: (c, raw) => {
      const v = enumValue(raw, LIFECYCLE_STAGES);
      if (!v) return `Not a lifecycle stage (${LIFECYCLE_STAGES.join(', ')}).`;
      c.values.lifecycle_stage = v;
      return null;
    },
    leadStatus: (c, raw) => {
      const v = enumValue(raw, LEAD_STATUSES);
      if (!v) return `Not a lead status (${LEAD_STATUSES.join(', ')}).`;
      c.values.lead_status = v;
      return null;
    },
    source: text('source', 100),
    'social.linkedin': part('social', 'linkedin', 300),
    'social.twitter': part('social', 'twitter', 100),
    'social.website': part('social', 'website', 300),
  },
  companies: {
    ...SHARED,
    ...ADDRESS,
    name: text('name', 200),
    domain: (c, raw) => {
      const domain = normaliseDomain(raw);
      if (!domain) return 'Not a domain (e.g. acme.com).';
      c.values.domain = domain;
      return null;
    },
    industry: text('industry', 200),
    employees: (c, raw) => {
      const n = Number(raw.replace(/[\s,.]/g, ''));
      if (!Number.isInteger(n) || n < 0 || n > 100_000_000) return 'Not a whole number of employees.';
      c.values.employees = n;
      return null;
    },
    annualRevenue: (c, raw) => {
      const v = decimal(raw);
      if (v === null) return 'Not an amount.';
      c.values.annual_revenue = v;
      return null;
    },
  },
  deals: {
    ...SHARED,
    name: text('name', 200),
    amount: (c, raw) => {
      const v = decimal(raw);
      if (v === null) return 'Not an amount.';
      c.values.amount = v;
      return null;
    },
    currency: (c, raw) => {
      if (!/^[A-Za-z]{3}$/.test(raw)) return 'Not a currency code (ISO 4217, e.g. EUR).';
      c.values.currency = raw.toUpperCase();
      return null;
    },
    pipeline: lookup('pipeline'),
    pipelineId: uuid('pipeline_id'),
    stage: lookup('stage'),
    stageId: uuid('stage_id'),
    probability: (c, raw) => {
      const n = Number(raw.replace(/%$/, '').trim());
      if (!Number.isInteger(n) || n < 0 || n > 100) return 'Not a probability from 0 to 100.';
      c.values.probability = n;
      return null;
    },
    expectedCloseDate: (c, raw) => {
      const v = isoDate(raw);
      if (!v) return 'Not a date (YYYY-MM-DD).';
      c.values.expected_close_date = v;
      return null;
    },
    company: lookup('company'),
    companyId: uuid('company_id'),
    lostReason: text('lost_reason', 500),
  },
};

const letters = (index: number): string => {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/**
 * One CSV record → a candidate record, or the reasons it cannot be one. Empty cells are
 * left out (an update never clears a field from an empty cell). This is the one place
 * that validates values; record-level rules that depend on create vs update (a contact
 * needs a name or email) run in the writer.
 */
export function convertRow(ctx: ConversionContext, row: number, cells: readonly string[]): RowCandidate | RowIssue[] {
  const issues: RowIssue[] = [];
  for (let i = ctx.headerCount; i < cells.length; i++) {
    if (cells[i]!.trim() !== '') {
      issues.push({
        column: letters(i),
        reason: `The row has a value beyond the header's ${ctx.headerCount} columns.`,
        value: cells[i]!.slice(0, 200),
      });
      break;
    }
  }
  const candidate: RowCandidate = { row, values: {}, custom: {}, lookups: {}, columns: {} };
  const setters = SETTERS[ctx.object];
  for (const plan of ctx.columns) {
    const raw = (cells[plan.index] ?? '').trim();
    if (raw === '') continue;
    const custom = CUSTOM_KEY.exec(plan.target);
    let problem: string | null;
    if (custom) {
      const def = ctx.fields.get(custom[1]!);
      if (!def) problem = `The custom field "${custom[1]}" does not exist (import with createFields=true to create it).`;
      else {
        const checked = customValue(def, raw);
        if (typeof checked === 'string') problem = checked;
        else {
          candidate.custom[def.key] = checked.value;
          problem = null;
        }
      }
    } else {
      const setter = setters[plan.target];
      problem = setter ? setter(candidate, raw, plan) : null;
    }
    if (problem) issues.push({ column: plan.header, reason: problem, value: raw.slice(0, 200) });
  }
  return issues.length ? issues : candidate;
}
