import { escapeLike, prefixPattern, prefixRange, searchTerms } from './search-terms.js';

describe('searchTerms', () => {
  it('lower-cases, collapses spaces and keeps at most four words', () => {
    expect(searchTerms('  John   SMITH a b c ')).toMatchObject({ text: 'john smith a b c', words: ['john', 'smith', 'a', 'b'] });
  });

  it('reads phone numbers in any format as digits', () => {
    expect(searchTerms('+1 (415) 555-0123')).toMatchObject({ phoneDigits: '14155550123', fuzzy: '14155550123' });
    expect(searchTerms('123')).toMatchObject({ phoneDigits: null, fuzzy: '123' });
  });

  it('recognises emails and domains', () => {
    expect(searchTerms('jane@ex').emailLike).toBe(true);
    expect(searchTerms('acme.io').emailLike).toBe(true);
    expect(searchTerms('jane doe').emailLike).toBe(false);
  });

  it('turns control characters, NUL included, into separators', () => {
    expect(searchTerms('a\u0000b\tc').text).toBe('a b c');
  });
});

describe('LIKE patterns', () => {
  it('escape wildcards and backslashes', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(prefixPattern('a%')).toBe('a\\%%');
  });

  it('bound a prefix by incrementing its last character', () => {
    expect(prefixRange('jen')).toEqual(['jen', 'jeo']);
    expect(prefixRange('\u{d7ff}')).toEqual(['\u{d7ff}', '\u{e000}']);
  });
});
