import { describe, expect, it } from '@jest/globals';
import { boardFilter, moveBetweenGroups, toAmount } from './dealFilter';
import type { AggregateRow, Deal } from './types';

describe('boardFilter', () => {
  it('narrows to the pipeline, then stage, owner and currency', () => {
    expect(JSON.parse(boardFilter({ pipelineId: 'p' }))).toEqual({ and: [{ field: 'pipelineId', op: 'eq', value: 'p' }] });
    expect(JSON.parse(boardFilter({ pipelineId: 'p', ownerId: 'u' }, { stageId: 's', currency: 'EUR' })).and).toEqual([
      { field: 'pipelineId', op: 'eq', value: 'p' },
      { field: 'stageId', op: 'eq', value: 's' },
      { field: 'ownerId', op: 'eq', value: 'u' },
      { field: 'currency', op: 'eq', value: 'EUR' },
    ]);
  });
});

describe('toAmount', () => {
  it('reads decimals sent as strings or numbers', () => {
    expect(toAmount('1250.50')).toBe(1250.5);
    expect(toAmount(3)).toBe(3);
    expect(toAmount(null)).toBe(0);
    expect(toAmount('abc')).toBe(0);
  });
});

describe('moveBetweenGroups', () => {
  const deal = { id: 'd', amount: '1000.00', stageId: 'a' } as Deal;

  it('moves the count and the amount from one stage to the other', () => {
    const rows: AggregateRow[] = [
      { key: 'a', count: 2, value: '1500.00' },
      { key: 'b', count: 1, value: '200.00' },
    ];
    moveBetweenGroups(rows, deal, 'a', 'b');
    expect(rows).toEqual([
      { key: 'a', count: 1, value: '500.00' },
      { key: 'b', count: 2, value: '1200.00' },
    ]);
  });

  it('creates the target group when the stage was empty', () => {
    const rows: AggregateRow[] = [{ key: 'a', count: 1, value: '1000' }];
    moveBetweenGroups(rows, { ...deal, amount: null }, 'a', 'c');
    expect(rows).toEqual([
      { key: 'a', count: 0, value: '1000.00' },
      { key: 'c', count: 1, value: '0.00' },
    ]);
  });
});
