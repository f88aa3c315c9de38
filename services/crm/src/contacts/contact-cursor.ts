import { ValidationError } from '@meridian/platform';

/** Keyset position in the newest-first contact list: (createdAt, id) of the last row served. */
export interface ContactCursor {
  createdAt: Date;
  id: string;
}

export const contactCursor = {
  encode(c: ContactCursor): string {
    return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString('base64url');
  },
  decode(raw: string): ContactCursor {
    const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
    const createdAt = new Date(at ?? '');
    if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) {
      throw new ValidationError([{ field: 'cursor', message: 'The cursor is not valid; start again without it.' }]);
    }
    return { createdAt, id };
  },
};
