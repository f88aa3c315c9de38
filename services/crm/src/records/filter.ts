import { z } from 'zod';
import { ValidationError } from '@meridian/platform';
import type { FieldDefinition } from '../fields/field-definition.js';
import type { StandardField } from './object-definition.js';
import { resolveField, type ResolvedField } from './resolve-field.js';
import { CAST, escapeLike, type SqlParams } from './sql-params.js';

export const FILTER_OPS = [
  'eq',
  'neq',
  'in',
  'contains',
  'startsWith',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'isEmpty',
  'isNotEmpty',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: unknown;
}
export type FilterGroup = { and: FilterNode[] } | { or: FilterNode[] };
export type FilterNode = FilterCondition | FilterGroup;

const MAX_DEPTH = 4;
const MAX_CONDITIONS = 50;
const MAX_IN_VALUES = 500;

const scalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
const condition = z.strictObject({
  field: z.string().min(1).max(100),
  op: z.enum(FILTER_OPS),
  value: z.union([scalar, z.array(scalar).max(MAX_IN_VALUES)]).optional(),
});
const node: z.ZodType<FilterNode> = z.lazy(() =>
  z.union([
    condition,
    z.strictObject({ and: z.array(node).min(1).max(MAX_CONDITIONS) }),
    z.strictObject({ or: z.array(node).min(1).max(MAX_CONDITIONS) }),
  ]),
);
export const filterSchema = z.union([
  z.strictObject({ and: z.array(node).max(MAX_CONDITIONS) }),
  z.strictObject({ or: z.array(node).max(MAX_CONDITIONS) }),
]);

const bad = (message: string): ValidationError => new ValidationError([{ field: 'filter', message }]);

/** Parses the `filter` query parameter (JSON) into a checked tree; 400 naming `filter`. */
export function parseFilter(raw: string | undefined): FilterGroup | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > 20_000) throw bad('The filter is too long.');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw bad('The filter is not valid JSON.');
  }
  return checkFilter(json);
}

/**
 * Whether JSON nests deeper than `limit` arrays/objects, walked with an explicit stack: the
 * recursive schema below would overflow the call stack on a body nested thousands deep
 * (a 1 MB export/bulk/view body allows that) and answer 500 instead of 400.
 */
function nestsDeeperThan(json: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[json, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Validates an already-parsed filter (saved views, exports, bulk jobs). */
export function checkFilter(json: unknown): FilterGroup {
  // Group object + its array per level, then the condition object and an `in`/`between` value array.
  if (nestsDeeperThan(json, 2 * MAX_DEPTH + 2)) throw bad(`Filters nest at most ${MAX_DEPTH} levels.`);
  const parsed = filterSchema.safeParse(json);
  if (!parsed.success) {
    throw bad('Expected { "and" | "or": [ { "field", "op", "value" } | nested group ] } with ops ' + FILTER_OPS.join(', ') + '.');
  }
  let conditions = 0;
  const walk = (n: FilterNode, depth: number): void => {
    if (depth > MAX_DEPTH) throw bad(`Filters nest at most ${MAX_DEPTH} levels.`);
    if ('field' in n) conditions++;
    else for (const child of 'and' in n ? n.and : n.or) walk(child, depth + 1);
  };
  walk(parsed.data, 1);
  if (conditions > MAX_CONDITIONS) throw bad(`A filter has at most ${MAX_CONDITIONS} conditions.`);
  return parsed.data;
}

export interface FilterContext {
  standard: readonly StandardField[];
  custom: readonly FieldDefinition[];
  /** The caller, for `"value": "me"` on user fields. */
  userId?: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** ISO 8601 UTC of a parseable date within years 0001–9999 (what Postgres reads back), else undefined. */
function isoDate(value: string): string | undefined {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return /^(?!0000)\d{4}-/.test(iso) ? iso : undefined;
}

/** Checks and normalises one comparison value for the field's kind. */
function coerce(field: ResolvedField, value: unknown, ctx: FilterContext): unknown {
  const fail = (what: string) => bad(`"${field.key}" expects ${what}.`);
  if (value === null || value === undefined) throw fail('a value');
  // Postgres text cannot hold NUL: refused here rather than failing the query (500).
  if (typeof value === 'string' && value.includes('\u0000')) throw bad(`"${field.key}" cannot contain NUL characters.`);
  switch (field.kind) {
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw fail('a number');
      return String(n);
    }
    case 'date':
      // Date.parse rolls 2026-02-30 over to March; Postgres refuses it. Only real calendar days pass.
      if (typeof value !== 'string' || !DATE.test(value) || !isoDate(value)?.startsWith(value)) throw fail('a date (YYYY-MM-DD)');
      return value;
    case 'datetime': {
      const iso = typeof value === 'string' ? isoDate(value) : undefined;
      if (!iso) throw fail('a date-time (ISO 8601)');
      return iso;
    }
    case 'uuid': {
      const v = value === 'me' && ctx.userId ? ctx.userId : value;
      if (typeof v !== 'string' || !UUID.test(v)) throw fail('an id (UUID) or "me"');
      return v;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw fail('true or false');
    case 'text':
    case 'tags':
      if (typeof value !== 'string' && typeof value !== 'number') throw fail('text');
      return String(value);
  }
}

/** SQL for one condition; every value is a bound parameter. */
function conditionSql(c: FilterCondition, ctx: FilterContext, params: SqlParams): string {
  const field = resolveField(ctx.standard, ctx.custom, c.field, 'filter');
  const expr = field.expr(params);
  // A stored lower-case column keeps the comparison leakproof (index-usable under RLS); lower() is not.
  const lowered = field.ciExpr ?? (field.caseInsensitive ? `lower(${expr})` : expr);
  const one = (): string => {
    if (Array.isArray(c.value)) throw bad(`"${c.op}" on "${field.key}" takes one value, not a list.`);
    const v = coerce(field, c.value, ctx);
    return field.caseInsensitive && typeof v === 'string' ? params.add(v.toLowerCase(), 'text') : params.add(v, CAST[field.kind]);
  };
  const list = (): unknown[] => {
    if (!Array.isArray(c.value) || c.value.length === 0) throw bad(`"${c.op}" on "${field.key}" takes a non-empty list.`);
    return c.value.map((v) => {
      const x = coerce(field, v, ctx);
      return field.caseInsensitive && typeof x === 'string' ? x.toLowerCase() : x;
    });
  };
  if (field.kind === 'tags') return tagsSql(c, field, expr, list, params, ctx);
  switch (c.op) {
    case 'eq':
      return `${lowered} = ${one()}`;
    case 'neq':
      return `${lowered} IS DISTINCT FROM ${one()}`;
    case 'in':
      return `${lowered} = ANY(${params.add(list(), `${CAST[field.kind]}[]`)})`;
    case 'contains':
    case 'startsWith': {
      if (field.kind !== 'text') throw bad(`"${c.op}" applies to text fields; "${field.key}" is not one.`);
      const v = String(coerce(field, c.value, ctx)).toLowerCase();
      const pattern = c.op === 'contains' ? `%${escapeLike(v)}%` : `${escapeLike(v)}%`;
      return `${field.ciExpr ?? `lower(${expr})`} LIKE ${params.add(pattern, 'text')}`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const sign = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op];
      return `${lowered} ${sign} ${one()}`;
    }
    case 'between': {
      const [from, to] = Array.isArray(c.value) && c.value.length === 2 ? c.value : [];
      if (from === undefined || to === undefined) throw bad(`"between" on "${field.key}" takes [from, to].`);
      const cast = CAST[field.kind];
      return `${lowered} BETWEEN ${params.add(coerce(field, from, ctx), cast)} AND ${params.add(coerce(field, to, ctx), cast)}`;
    }
    case 'isEmpty':
      return field.kind === 'text' ? `coalesce(${expr}, '') = ''` : `${expr} IS NULL`;
    case 'isNotEmpty':
      return field.kind === 'text' ? `coalesce(${expr}, '') <> ''` : `${expr} IS NOT NULL`;
  }
}

/** Tags (text[] columns, or multi-select custom fields stored as JSON arrays). */
function tagsSql(
  c: FilterCondition,
  field: ResolvedField,
  expr: string,
  list: () => unknown[],
  params: SqlParams,
  ctx: FilterContext,
): string {
  const json = Boolean(field.custom);
  const values = (): string[] => (Array.isArray(c.value) ? list() : [coerce(field, c.value, ctx)]).map(String);
  switch (c.op) {
    case 'contains':
    case 'eq':
      return json
        ? `coalesce(${expr}, '[]'::jsonb) @> ${params.add(JSON.stringify(values()), 'jsonb')}`
        : `${expr} @> ${params.add(values(), 'text[]')}`;
    case 'in':
      return json ? `coalesce(${expr}, '[]'::jsonb) ?| ${params.add(values(), 'text[]')}` : `${expr} && ${params.add(values(), 'text[]')}`;
    case 'neq':
      return json
        ? `NOT coalesce(${expr}, '[]'::jsonb) @> ${params.add(JSON.stringify(values()), 'jsonb')}`
        : `NOT ${expr} @> ${params.add(values(), 'text[]')}`;
    case 'isEmpty':
      return json ? `coalesce(jsonb_array_length(${expr}), 0) = 0` : `cardinality(${expr}) = 0`;
    case 'isNotEmpty':
      return json ? `coalesce(jsonb_array_length(${expr}), 0) > 0` : `cardinality(${expr}) > 0`;
    default:
      throw bad(`"${c.op}" does not apply to "${field.key}" (a list of tags): use contains, in, neq, isEmpty or isNotEmpty.`);
  }
}

/** Compiles a checked filter to a SQL boolean expression over alias `r`. */
export function compileFilter(filter: FilterGroup | undefined, ctx: FilterContext, params: SqlParams): string {
  if (!filter) return 'TRUE';
  const compile = (n: FilterNode): string => {
    if ('field' in n) return conditionSql(n, ctx, params);
    const [joiner, children] = 'and' in n ? [' AND ', n.and] : [' OR ', n.or];
    if (children.length === 0) return 'TRUE';
    return `(${children.map(compile).join(joiner)})`;
  };
  return compile(filter);
}
