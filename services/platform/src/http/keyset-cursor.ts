import { ValidationError } from '../errors/domain-error.js';

/** Keyset position in a list ordered by (timestamp, id): the last row served. */
export interface KeysetPosition {
  /**
   * ISO-8601 UTC with milliseconds (`Date#toISOString`) or microseconds (`cursorAtSql`,
   * exactly as Postgres stored it — a JS Date would drop them).
   */
  at: string;
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.(\d{3}|\d{6})Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SQL for a timestamptz column rendered as the cursor's `at` (UTC, microseconds). */
export const cursorAtSql = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Opaque, URL-safe cursors; a tampered one is a 400 naming `cursor`. */
export const keysetCursor = {
  encode(p: KeysetPosition): string {
    return Buffer.from(`${p.at}|${p.id}`).toString('base64url');
  },
  decode(raw: string): KeysetPosition {
    const [at, id, extra] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
    if (extra !== undefined || !at || !id || !AT.test(at) || !UUID.test(id) || Number.isNaN(Date.parse(at))) {
      throw new ValidationError([{ field: 'cursor', message: 'The cursor is not valid; start again without it.' }]);
    }
    return { at, id };
  },
};

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Cuts a `limit + 1` row fetch into a page and the cursor of its last row. */
export function toPage<R extends { cursor_at: string; id: string }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(map),
    nextCursor: rows.length > limit && last ? keysetCursor.encode({ at: last.cursor_at, id: last.id }) : null,
  };
}
