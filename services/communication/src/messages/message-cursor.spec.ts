import { ValidationError } from '@meridian/platform';
import { messageCursor } from './message-cursor.js';

describe('message cursor', () => {
  it('round-trips the keyset position', () => {
    const c = { createdAt: new Date('2026-11-22T01:02:03.456Z'), id: '8845d3c0-5409-49f0-a221-543fe3b2b8a7' };
    expect(messageCursor.decode(messageCursor.encode(c))).toEqual(c);
  });

  it.each([
    '',
    'garbage',
    Buffer.from('not-a-date|8845d3c0-5409-49f0-a221-543fe3b2b8a7').toString('base64url'),
    Buffer.from("2026-01-01T00:00:00Z|1' OR 1=1").toString('base64url'),
    Buffer.from('2026-01-01T00:00:00Z|8845d3c0-5409-49f0-a221-543fe3b2b8a7|x').toString('base64url'),
  ])('rejects a forged cursor %p as a cursor field error', (raw) => {
    expect(() => messageCursor.decode(raw)).toThrow(ValidationError);
  });
});
