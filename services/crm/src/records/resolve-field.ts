import { ValidationError } from '@meridian/platform';
import type { FieldDefinition, FieldType } from '../fields/field-definition.js';
import { SORTABLE_FIELD_TYPES } from '../fields/field-definition.js';
import type { FieldKind, StandardField } from './object-definition.js';
import type { SqlParams } from './sql-params.js';

/** A field a filter, sort or aggregate refers to: standard, or `custom.<key>`. */
export interface ResolvedField {
  key: string;
  kind: FieldKind;
  nullable: boolean;
  caseInsensitive: boolean;
  /** A stored lower-case column to compare case-insensitively, when the object has one. */
  ciExpr?: string | undefined;
  values?: readonly string[] | undefined;
  /** SQL for the value; custom keys are bound as parameters, never spliced. */
  expr(params: SqlParams): string;
  /** SQL to sort by, or undefined when the field is not sortable. */
  sortExpr?: ((params: SqlParams) => string) | undefined;
  custom?: FieldDefinition | undefined;
  options?: readonly string[] | undefined;
}

const CUSTOM_KIND: Record<FieldType, FieldKind> = {
  text: 'text',
  longText: 'text',
  url: 'text',
  email: 'text',
  phone: 'text',
  select: 'text',
  number: 'number',
  currency: 'number',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
  multiSelect: 'tags',
  user: 'uuid',
};

const CUSTOM_CAST: Partial<Record<FieldKind, string>> = {
  number: 'numeric',
  date: 'date',
  datetime: 'timestamptz',
  boolean: 'boolean',
  uuid: 'uuid',
};

const fromStandard = (f: StandardField): ResolvedField => ({
  key: f.key,
  kind: f.kind,
  nullable: f.nullable,
  caseInsensitive: f.caseInsensitive ?? false,
  ciExpr: f.ciExpr,
  values: f.values,
  expr: () => f.expr,
  sortExpr: f.sortExpr ? () => f.sortExpr! : undefined,
});

function fromCustom(def: FieldDefinition): ResolvedField {
  const kind = CUSTOM_KIND[def.type];
  const cast = CUSTOM_CAST[kind];
  const expr = (params: SqlParams) => {
    if (kind === 'tags') return `(r.custom -> ${params.add(def.key)})`;
    const text = `(r.custom ->> ${params.add(def.key)})`;
    return cast ? `(${text})::${cast}` : text;
  };
  return {
    key: `custom.${def.key}`,
    kind,
    nullable: true,
    caseInsensitive: kind === 'text',
    expr,
    sortExpr: SORTABLE_FIELD_TYPES.has(def.type) ? expr : undefined,
    custom: def,
    options: def.type === 'select' || def.type === 'multiSelect' ? def.options.map((o) => o.value) : undefined,
  };
}

/**
 * Resolves a field key against the object's standard fields and the workspace's custom
 * fields: the allowlist every filter, sort, column and aggregate passes through.
 */
export function resolveField(
  standard: readonly StandardField[],
  custom: readonly FieldDefinition[],
  key: string,
  param: string,
): ResolvedField {
  if (key.startsWith('custom.')) {
    const def = custom.find((d) => `custom.${d.key}` === key);
    if (def) return fromCustom(def);
  } else {
    const f = standard.find((s) => s.key === key);
    if (f) return fromStandard(f);
  }
  throw new ValidationError([{ field: param, message: `Unknown field "${key.slice(0, 80)}".` }]);
}
