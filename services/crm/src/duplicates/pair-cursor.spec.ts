import { pairCursor } from './pair-cursor.js';

describe('pairCursor', () => {
  const position = { score: '0.900', a: '00000000-0000-4000-8000-000000000001', b: '00000000-0000-4000-8000-000000000002' };

  it('round-trips a position', () => {
    expect(pairCursor.decode(pairCursor.encode(position))).toEqual(position);
  });

  it.each([
    ['garbage', 'garbage'],
    ['a forged score', Buffer.from(`1 OR 1=1|${position.a}|${position.b}`).toString('base64url')],
    ['an extra part', Buffer.from(`0.900|${position.a}|${position.b}|x`).toString('base64url')],
    ['a non-uuid id', Buffer.from(`0.900|x|${position.b}`).toString('base64url')],
  ])('refuses %s with a 400 naming cursor', (_, raw) => {
    expect(() => pairCursor.decode(raw)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'cursor' })] }));
  });
});
