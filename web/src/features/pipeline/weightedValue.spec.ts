import { describe, expect, it } from '@jest/globals';
import type { Stage } from './types';
import { summarisePipeline } from './weightedValue';

const stages: Stage[] = [
  { id: 'q', name: 'Qualification', position: 0, probability: 10, kind: 'open' },
  { id: 'p', name: 'Proposal', position: 1, probability: 50, kind: 'open' },
  { id: 'w', name: 'Won', position: 2, probability: 100, kind: 'won' },
  { id: 'l', name: 'Lost', position: 3, probability: 0, kind: 'lost' },
];

describe('summarisePipeline', () => {
  it('weights open deals by their stage, or by their own probability when they have one', () => {
    const summary = summarisePipeline(
      stages,
      [
        { key: 'q', count: 2, value: '3000.00' },
        { key: 'p', count: 1, value: '10000.00' },
        { key: 'w', count: 1, value: '5000.00' },
        { key: 'l', count: 4, value: '9000.00' },
      ],
      // One Qualification deal of 1000 carries its own 80%.
      [{ key: 'q', count: 1, value: '1000.00' }],
      [{ key: '80', count: 1, value: '1000.00' }],
    );
    expect(summary).toEqual({
      openCount: 3,
      openValue: 13000,
      // (3000 - 1000) × 10% + 10000 × 50% + 1000 × 80%
      weightedValue: 200 + 5000 + 800,
      wonValue: 5000,
    });
  });

  it('is all zeros for an empty board', () => {
    expect(summarisePipeline(stages, [], [], [])).toEqual({ openCount: 0, openValue: 0, weightedValue: 0, wonValue: 0 });
  });
});
