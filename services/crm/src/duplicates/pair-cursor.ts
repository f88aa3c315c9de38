import { ValidationError } from '@meridian/platform';

/** Keyset position in the duplicate list, ordered by score (desc) then the pair's ids. */
export interface PairPosition {
  score: string;
  a: string;
  b: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SCORE = /^(0|1)\.\d{3}$/;
const invalid = () => new ValidationError([{ field: 'cursor', message: 'The cursor is not valid; start again without it.' }]);

/** Opaque, URL-safe cursor of the duplicate list; a tampered one is a 400 naming `cursor`. */
export const pairCursor = {
  encode: (p: PairPosition): string => Buffer.from(`${p.score}|${p.a}|${p.b}`).toString('base64url'),
  decode(raw: string): PairPosition {
    const [score, a, b, extra] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
    if (extra !== undefined || !score || !a || !b || !SCORE.test(score) || !UUID.test(a) || !UUID.test(b)) throw invalid();
    return { score, a, b };
  },
};
