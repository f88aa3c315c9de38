/**
 * What a search string means for the SQL: lower-cased words for name prefixes, the
 * digits of a phone, whether it looks like an email, and the text for trigram matching.
 * Every value here is bound as a parameter; LIKE patterns are escaped so `%`, `_` and
 * `\` in a query are literal characters, not wildcards.
 */
export interface SearchTerms {
  /** The whole query, lower-cased, spaces collapsed. */
  text: string;
  /** Up to four words of the query. */
  words: string[];
  /** Digits of the query when it reads as a phone number (at least 4 digits, nothing else but separators). */
  phoneDigits: string | null;
  /** True when the query reads as (the start of) an email address or a domain. */
  emailLike: boolean;
  /** The text compared by trigram similarity: the digits for a phone, else `text`. */
  fuzzy: string;
  /**
   * Letter-only words (at least 2 letters, at most 3), as the name dictionary
   * (crm.search_words) stores them: "sophia.jordxn87" → sophia, jordxn.
   */
  nameWords: string[];
}

const MAX_WORDS = 4;

export function searchTerms(q: string): SearchTerms {
  // Control characters (NUL above all: Postgres text cannot hold it) are separators.
  const text = q
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u0000-\u001f\u007f\s]+/g, ' ')
    .trim();
  const words = text.split(' ').filter(Boolean).slice(0, MAX_WORDS);
  const digits = text.replace(/[\s().+\-/]/g, '');
  const phoneDigits = /^\d{4,15}$/.test(digits) ? digits : null;
  const emailLike = !text.includes(' ') && (text.includes('@') || /^[^.]+\.[^.]/.test(text));
  const nameWords = text
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 2)
    .slice(0, 3);
  return { text, words, phoneDigits, emailLike, fuzzy: phoneDigits ?? text, nameWords };
}

/** `value` as a literal inside a LIKE pattern (backslash is Postgres' default escape). */
export const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern matching strings that start with `prefix`. */
export const prefixPattern = (prefix: string): string => `${escapeLike(prefix)}%`;

/**
 * Bounds [lo, hi) of the strings starting with `prefix` (hi = the prefix with its last
 * character incremented): lets a btree index serve a prefix search even where the
 * database collation is not C and LIKE alone would scan the workspace. The LIKE stays
 * as the exact filter.
 */
export function prefixRange(prefix: string): [string, string] {
  const chars = [...prefix];
  const last = chars.pop();
  if (last === undefined) return ['', '\u{10ffff}'];
  let next = Math.min(last.codePointAt(0)! + 1, 0x10ffff);
  if (next >= 0xd800 && next <= 0xdfff) next = 0xe000; // never a lone surrogate
  return [prefix, chars.join('') + String.fromCodePoint(next)];
}
