import { describe, expect, it } from '@jest/globals';
import { lastNDays, sumCounts } from './dailySeries';

describe('lastNDays', () => {
  const today = new Date('2026-03-10T22:30:00Z');

  it('fills the days the report leaves out with zero, oldest first, ending today (UTC)', () => {
    const series = lastNDays(
      [
        { day: '2026-03-08', count: 2 },
        { day: '2026-03-10', count: 1 },
      ],
      4,
      today,
    );
    expect(series).toEqual([
      { day: '2026-03-07', count: 0 },
      { day: '2026-03-08', count: 2 },
      { day: '2026-03-09', count: 0 },
      { day: '2026-03-10', count: 1 },
    ]);
  });

  it("never hides a day that is ahead of the browser's today", () => {
    const series = lastNDays([{ day: '2026-03-11', count: 5 }], 2, today);
    expect(series).toEqual([
      { day: '2026-03-10', count: 0 },
      { day: '2026-03-11', count: 5 },
    ]);
  });

  it('sums counts', () => {
    expect(
      sumCounts([
        { day: '2026-03-10', count: 2 },
        { day: '2026-03-11', count: 3 },
      ]),
    ).toBe(5);
  });
});
