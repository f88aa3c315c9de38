import { retryDelayMs } from './retry-policy.js';

describe('retry delay', () => {
  it('doubles per attempt from the base and stops at the cap', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, 30_000, 240_000, mid))).toEqual([
      30_000, 60_000, 120_000, 240_000, 240_000, 240_000,
    ]);
  });

  it('spreads retries by ±20 % so a batch that failed together does not retry in lockstep', () => {
    expect(retryDelayMs(1, 1000, 10_000, () => 0)).toBe(800);
    expect(retryDelayMs(1, 1000, 10_000, () => 0.999999)).toBe(1200);
  });

  it('never overflows for absurd attempt counts', () => {
    expect(retryDelayMs(10_000, 1000, 3_600_000, () => 0.5)).toBe(3_600_000);
  });
});
