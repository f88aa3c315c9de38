/** Collects bound parameters for one SQL statement; `add` returns its placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

/** Postgres cast for a bound value of each field kind. */
export const CAST: Record<string, string> = {
  text: 'text',
  number: 'numeric',
  date: 'date',
  datetime: 'timestamptz',
  uuid: 'uuid',
  boolean: 'boolean',
  tags: 'text[]',
};

/** Escapes LIKE wildcards so user text matches literally. */
export const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);
