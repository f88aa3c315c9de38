import type { EntityManager } from 'typeorm';
import { ValidationError } from '@meridian/platform';
import { companyDefinition } from '../companies/company.definition.js';
import { contactDefinition } from '../contacts/contact.definition.js';
import { dealDefinition } from '../deals/deal.definition.js';
import type { FieldsService } from '../fields/fields.service.js';
import { checkFilter, compileFilter, type FilterGroup } from '../records/filter.js';
import type { ObjectName, StandardField } from '../records/object-definition.js';
import { parseSort } from '../records/sort.js';
import { SqlParams } from '../records/sql-params.js';

const OBJECTS: Record<ObjectName, { fields: readonly StandardField[]; extraKeys: readonly string[] }> = {
  contacts: contactDefinition,
  companies: companyDefinition,
  deals: dealDefinition,
};

export interface ViewDefinitionInput {
  filter?: Record<string, unknown> | null | undefined;
  sort?: string | null | undefined;
  columns?: string[] | undefined;
}

/**
 * Checks a view's filter, sort and columns exactly as a list request would check them
 * (the records engine's parsers, against standard and the workspace's custom fields), so
 * a saved view never fails when it is opened. Errors name `filter`, `sort` or `columns`.
 */
export async function checkViewDefinition(
  m: EntityManager,
  fields: FieldsService,
  workspaceId: string,
  object: ObjectName,
  view: ViewDefinitionInput,
  userId: string,
): Promise<FilterGroup | null | undefined> {
  const { fields: standard, extraKeys } = OBJECTS[object];
  const custom = await fields.forObject(m, workspaceId, object);
  let filter: FilterGroup | null | undefined = view.filter === null ? null : undefined;
  if (view.filter) {
    filter = checkFilter(view.filter);
    compileFilter(filter, { standard, custom, userId }, new SqlParams());
  }
  if (view.sort) parseSort(view.sort, standard, custom);
  if (view.columns) {
    const known = new Set(['id', ...standard.map((f) => f.key), ...extraKeys, ...custom.map((d) => `custom.${d.key}`)]);
    const unknown = view.columns.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new ValidationError([
        { field: 'columns', message: `Unknown ${object} field(s): ${unknown.map((c) => c.slice(0, 80)).join(', ')}.` },
      ]);
    }
  }
  return filter;
}
