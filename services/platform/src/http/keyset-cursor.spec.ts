import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../errors/domain-error.js';
import { keysetCursor, toPage } from './keyset-cursor.js';

describe('keysetCursor', () => {
  it('round-trips a position with microseconds', () => {
    const position = { at: '2030-01-31T12:34:56.123456Z', id: randomUUID() };
    expect(keysetCursor.decode(keysetCursor.encode(position))).toEqual(position);
  });

  it('round-trips a JS date position (milliseconds)', () => {
    const position = { at: new Date('2026-11-22T01:02:03.456Z').toISOString(), id: randomUUID() };
    expect(keysetCursor.decode(keysetCursor.encode(position))).toEqual(position);
  });

  it('refuses tampered cursors as a 400 naming cursor', () => {
    const id = randomUUID();
    for (const raw of [
      '',
      'garbage',
      Buffer.from(`not-a-date|${id}`).toString('base64url'),
      Buffer.from(`2026-01-01T00:00:00.000Z|1' OR 1=1`).toString('base64url'),
      Buffer.from(`2030-01-31T12:34:56Z|${id}`).toString('base64url'),
      Buffer.from(`2030-01-31T12:34:56.123456Z|not-a-uuid`).toString('base64url'),
      Buffer.from(`2030-01-31T12:34:56.123456Z|${id}|extra`).toString('base64url'),
      Buffer.from(`'; DROP TABLE users.users; --|${id}`).toString('base64url'),
    ]) {
      try {
        keysetCursor.decode(raw);
        throw new Error(`accepted ${raw}`);
      } catch (err) {
        expect(err).toMatchObject({ code: ErrorCode.ValidationFailed, errors: [{ field: 'cursor' }] });
      }
    }
  });

  it('pages limit + 1 rows into a page and the cursor of its last row', () => {
    const rows = [1, 2, 3].map((n) => ({ id: randomUUID(), cursor_at: `2030-01-0${n}T00:00:00.000000Z`, n }));
    const page = toPage(rows, 2, (r) => r.n);
    expect(page.data).toEqual([1, 2]);
    expect(keysetCursor.decode(page.nextCursor!)).toEqual({ at: rows[1]!.cursor_at, id: rows[1]!.id });
    expect(toPage(rows.slice(0, 2), 2, (r) => r.n).nextCursor).toBeNull();
  });
});
