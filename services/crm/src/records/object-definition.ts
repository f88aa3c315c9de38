import type { z } from 'zod';

export const OBJECT_NAMES = ['contacts', 'companies', 'deals'] as const;
export type ObjectName = (typeof OBJECT_NAMES)[number];

/** How a field filters, sorts and binds: decides ops, value parsing and SQL casts. */
export type FieldKind = 'text' | 'number' | 'date' | 'datetime' | 'uuid' | 'boolean' | 'tags';

/** A standard (built-in) field of an object as lists see it. */
export interface StandardField {
  /** API key (camelCase). */
  key: string;
  kind: FieldKind;
  /** SQL expression over the record alias `r` (and the definition's joins). */
  expr: string;
  /** Index-friendly sort expression; absent = not sortable. */
  sortExpr?: string;
  /** Text compared case-insensitively (eq/in/startsWith via lower()). */
  caseInsensitive?: boolean;
  /**
   * A stored lower-case column for those comparisons (and the sort): under RLS only leakproof
   * conditions use indexes, and lower() is not leakproof.
   */
  ciExpr?: string;
  /** Can be NULL (keyset pagination treats NULL as the largest value). */
  nullable: boolean;
  /** Allowed values for enum-like text fields. */
  values?: readonly string[];
}

/**
 * Everything the generic record engine needs to list, read, write and emit events for one
 * object type. Object modules (contacts, companies, deals) provide one each.
 */
export interface ObjectDefinition<Dto extends { id: string }, Create, Patch> {
  name: ObjectName;
  /** Singular for events and messages: crm.<singular>.created.v1, "Contact not found". */
  singular: 'contact' | 'company' | 'deal';
  label: string;
  table: string;
  /** SELECT list over `r` (+ joins) producing the columns `toDto` reads. */
  select: string;
  /** FROM-clause joins after `crm.<table> r` (left joins for read-only display fields). */
  joins: string;
  fields: readonly StandardField[];
  /** Keys of the representation that lists can return but not filter or sort by. */
  extraKeys: readonly string[];
  createSchema: z.ZodType<Create>;
  patchSchema: z.ZodType<Patch>;
  toDto(row: Record<string, unknown>): Dto;
}

/** Fields every object has: owner, tags, external id and the timestamps lists sort by. */
export const COMMON_FIELDS: readonly StandardField[] = [
  { key: 'ownerId', kind: 'uuid', expr: 'r.owner_id', sortExpr: 'r.owner_id', nullable: true },
  { key: 'tags', kind: 'tags', expr: 'r.tags', nullable: false },
  { key: 'externalId', kind: 'text', expr: 'r.external_id', nullable: true },
  { key: 'createdAt', kind: 'datetime', expr: 'r.created_at', sortExpr: 'r.created_at', nullable: false },
  { key: 'updatedAt', kind: 'datetime', expr: 'r.updated_at', sortExpr: 'r.updated_at', nullable: false },
  { key: 'lastActivityAt', kind: 'datetime', expr: 'r.last_activity_at', sortExpr: 'r.last_activity_at', nullable: true },
];

/** Timestamps as ISO strings in DTOs (null stays null). */
export const isoOrNull = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : null);
