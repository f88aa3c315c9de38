import type { ObjectName } from '../records/object-definition.js';

export interface ViewRow {
  id: string;
  object: ObjectName;
  name: string;
  owner_id: string;
  shared: boolean;
  filter: Record<string, unknown> | null;
  sort: string | null;
  columns: string[];
  created_at: Date;
  updated_at: Date;
}

export const VIEW_COLUMNS = 'id, object, name, owner_id, shared, filter, sort, columns, created_at, updated_at';

/** A saved view: a named filter, sort and column set of one object's list. */
export interface ViewDto {
  id: string;
  object: ObjectName;
  name: string;
  ownerId: string;
  shared: boolean;
  filter: Record<string, unknown> | null;
  sort: string | null;
  columns: string[];
  createdAt: string;
  updatedAt: string;
}

export const viewMapper = {
  toDto(r: ViewRow): ViewDto {
    return {
      id: r.id,
      object: r.object,
      name: r.name,
      ownerId: r.owner_id,
      shared: r.shared,
      filter: r.filter,
      sort: r.sort,
      columns: r.columns,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  },
};
