import { ValidationError } from '@meridian/platform';

/** Keyset position in the newest-first message list: (createdAt, id) of the last row served. */
export interface MessageCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const messageCursor = {
  encode(c: MessageCursor): string {
    return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString('base64url');
  },
  decode(raw: string): MessageCursor {
    const [at, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
    const createdAt = new Date(at ?? '');
    if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) {
      throw new ValidationError([{ field: 'cursor', message: 'The cursor is not valid; start again without it.' }]);
    }
    return { createdAt, id };
  },
};
