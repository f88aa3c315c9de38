import { ValidationError } from '@meridian/platform';
import type { FieldDefinition } from '../fields/field-definition.js';
import type { StandardField } from './object-definition.js';
import { resolveField, type ResolvedField } from './resolve-field.js';
import { CAST, type SqlParams } from './sql-params.js';

export interface SortKey {
  field: ResolvedField;
  descending: boolean;
}

/** The position after the last row served: its sort values (as text) and id. */
export interface SortCursor {
  values: (string | null)[];
  id: string;
}

const MAX_SORT_KEYS = 3;

/** Parses `-amount,name` against the allowlist; unsortable or unknown fields → 400 naming `sort`. */
export function parseSort(raw: string, standard: readonly StandardField[], custom: readonly FieldDefinition[]): SortKey[] {
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > MAX_SORT_KEYS) {
    throw new ValidationError([{ field: 'sort', message: `Sort by 1 to ${MAX_SORT_KEYS} fields, e.g. "-amount,name".` }]);
  }
  const seen = new Set<string>();
  return parts.map((part) => {
    const descending = part.startsWith('-');
    const key = descending ? part.slice(1) : part;
    const field = resolveField(standard, custom, key, 'sort');
    if (!field.sortExpr || seen.has(field.key)) {
      throw new ValidationError([{ field: 'sort', message: `"${field.key}" cannot be sorted by${seen.has(field.key) ? ' twice' : ''}.` }]);
    }
    seen.add(field.key);
    return { field, descending };
  });
}

/** The sort as a string: cursors are bound to it, so a cursor from another sort is refused. */
export const sortSignature = (keys: readonly SortKey[]): string => keys.map((k) => `${k.descending ? '-' : ''}${k.field.key}`).join(',');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const invalidCursor = () =>
  new ValidationError([{ field: 'cursor', message: 'The cursor is not valid for this list; start again without it.' }]);

/** Postgres SQLSTATE class 22 (data exception): e.g. a forged cursor value it cannot cast to the key's type. */
export const isDataException = (err: unknown): boolean =>
  /^22/.test(String((err as { driverError?: { code?: unknown } } | null)?.driverError?.code ?? ''));

export const sortCursor = {
  encode(signature: string, c: SortCursor): string {
    return Buffer.from(JSON.stringify({ s: signature, v: c.values, i: c.id })).toString('base64url');
  },
  decode(raw: string, signature: string, keys: number): SortCursor {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const p = parsed as { s?: unknown; v?: unknown; i?: unknown };
    if (
      !p ||
      p.s !== signature ||
      typeof p.i !== 'string' ||
      !UUID.test(p.i) ||
      !Array.isArray(p.v) ||
      p.v.length !== keys ||
      !p.v.every((x) => x === null || (typeof x === 'string' && x.length <= 1000))
    ) {
      throw invalidCursor();
    }
    return { values: p.v as (string | null)[], id: p.i };
  },
};

export interface OrderedQuery {
  /** ORDER BY clause (without the keyword). */
  orderBy: string;
  /** SELECT-list additions exposing the sort values as text: k0, k1, ... */
  sortColumns: string;
  /**
   * The rows after the cursor. Either one predicate, or — for a single nullable key, where
   * NULLs form their own segment — two segments to run in order (UNION ALL), each using the
   * key's index.
   */
  segments: { where: string; orderBy: string }[];
}

/**
 * Keyset pagination for any allowlisted sort. NULL sorts as the largest value (Postgres's
 * default: last ascending, first descending); `id` breaks ties in the first key's direction.
 */
export function orderedQuery(keys: readonly SortKey[], cursor: SortCursor | undefined, params: SqlParams): OrderedQuery {
  const exprs = keys.map((k) => k.field.sortExpr!(params));
  const dir = (d: boolean) => (d ? 'DESC' : 'ASC');
  const idDesc = keys[0]!.descending;
  const orderBy = [...keys.map((k, i) => `${exprs[i]} ${dir(k.descending)}`), `r.id ${dir(idDesc)}`].join(', ');
  const sortColumns = exprs.map((e, i) => `(${e})::text AS k${i}`).join(', ');
  if (!cursor) return { orderBy, sortColumns, segments: [{ where: 'TRUE', orderBy }] };

  const id = params.add(cursor.id, 'uuid');
  const value = (i: number) => params.add(cursor.values[i], CAST[keys[i]!.field.kind]);
  const sameDirection = keys.every((k) => k.descending === idDesc);

  // Fast path: non-null keys in one direction → one row comparison the index can range-scan.
  if (sameDirection && keys.every((k, i) => !k.field.nullable && cursor.values[i] !== null)) {
    const cmp = idDesc ? '<' : '>';
    return {
      orderBy,
      sortColumns,
      segments: [{ where: `(${exprs.join(', ')}, r.id) ${cmp} (${keys.map((_, i) => value(i)).join(', ')}, ${id})`, orderBy }],
    };
  }

  // Single nullable key: the non-null run and the NULL run are separate index ranges.
  if (keys.length === 1) {
    const e = exprs[0]!;
    const nullsOrder = `r.id ${dir(idDesc)}`;
    const v = cursor.values[0];
    if (!idDesc) {
      return v === null
        ? { orderBy, sortColumns, segments: [{ where: `${e} IS NULL AND r.id > ${id}`, orderBy: nullsOrder }] }
        : {
            orderBy,
            sortColumns,
            segments: [
              { where: `(${e}, r.id) > (${value(0)}, ${id})`, orderBy },
              { where: `${e} IS NULL`, orderBy: nullsOrder },
            ],
          };
    }
    return v === null
      ? {
          orderBy,
          sortColumns,
          segments: [
            { where: `${e} IS NULL AND r.id < ${id}`, orderBy: nullsOrder },
            { where: `${e} IS NOT NULL`, orderBy },
          ],
        }
      : { orderBy, sortColumns, segments: [{ where: `(${e}, r.id) < (${value(0)}, ${id})`, orderBy }] };
  }

  // General case: (k1 after c1) OR (k1 same AND k2 after c2) OR ... OR (all same AND id after).
  const after = (i: number): string => {
    const e = exprs[i]!;
    const v = cursor.values[i];
    if (keys[i]!.descending) return v === null ? `${e} IS NOT NULL` : `${e} < ${value(i)}`;
    return v === null ? 'FALSE' : `(${e} > ${value(i)} OR ${e} IS NULL)`;
  };
  const same = (i: number): string => (cursor.values[i] === null ? `${exprs[i]} IS NULL` : `${exprs[i]} = ${value(i)}`);
  const terms: string[] = [];
  for (let i = 0; i <= keys.length; i++) {
    const prefix = Array.from({ length: i }, (_, j) => same(j));
    const last = i < keys.length ? after(i) : `r.id ${idDesc ? '<' : '>'} ${id}`;
    terms.push(`(${[...prefix, last].join(' AND ')})`);
  }
  return { orderBy, sortColumns, segments: [{ where: `(${terms.join(' OR ')})`, orderBy }] };
}
