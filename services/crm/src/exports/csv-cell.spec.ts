import { csvCell } from './csv-cell.js';

describe('csvCell', () => {
  it.each(['=1+1', '+44 20', '-2', '@SUM(A1)', '\tcmd', '\rcmd'])('prefixes %j so spreadsheets show it as text', (v) => {
    expect(csvCell(v)).toBe(`'${v}`);
  });

  it('leaves ordinary values alone and flattens arrays, objects and dates', () => {
    expect(csvCell('Ada')).toBe('Ada');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['vip', '=x'])).toBe('vip; =x');
    expect(csvCell(['=x', 'vip'])).toBe("'=x; vip");
    expect(csvCell({ city: 'Paris' })).toBe('{"city":"Paris"}');
    expect(csvCell(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
  });

  it('escapes negative numbers too: a leading minus starts a formula', () => {
    expect(csvCell(-5)).toBe("'-5");
  });
});
