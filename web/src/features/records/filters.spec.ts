import { describe, expect, it } from '@jest/globals';
import { conditionsOf, fromApiFilter, toApiFilter, withoutCondition, type DraftFilter } from './filters';

const kindOf = (field: string) => (field === 'amount' ? 'number' : 'text') as 'number' | 'text';

describe('filter builder ↔ API filter JSON', () => {
  it('converts typed values, drops incomplete conditions and keeps groups', () => {
    const draft: DraftFilter = {
      mode: 'and',
      items: [
        { field: 'amount', op: 'between', value: ['1000', '5000'] },
        { field: 'email', op: 'contains', value: '' },
        { field: 'email', op: 'isEmpty', value: '' },
        {
          mode: 'or',
          conditions: [
            { field: 'lifecycleStage', op: 'in', value: 'lead, customer' },
            { field: 'amount', op: 'gte', value: '10' },
          ],
        },
      ],
    };
    expect(toApiFilter(draft, kindOf)).toEqual({
      and: [
        { field: 'amount', op: 'between', value: [1000, 5000] },
        { field: 'email', op: 'isEmpty' },
        {
          or: [
            { field: 'lifecycleStage', op: 'in', value: ['lead', 'customer'] },
            { field: 'amount', op: 'gte', value: 10 },
          ],
        },
      ],
    });
  });

  it('answers null when no condition is complete', () => {
    expect(toApiFilter({ mode: 'or', items: [{ field: 'email', op: 'eq', value: ' ' }] }, kindOf)).toBeNull();
  });

  it('round-trips a saved filter into the builder', () => {
    const filter = {
      or: [{ field: 'email', op: 'contains' as const, value: 'acme' }, { and: [{ field: 'amount', op: 'gt' as const, value: 5 }] }],
    };
    const draft = fromApiFilter(filter);
    expect(draft.mode).toBe('or');
    expect(toApiFilter(draft, kindOf)).toEqual({
      or: [
        { field: 'email', op: 'contains', value: 'acme' },
        { field: 'amount', op: 'gt', value: 5 },
      ],
    });
  });

  it('lists conditions for chips and removes one by index', () => {
    const filter = { and: [{ field: 'a', op: 'eq' as const, value: '1' }, { or: [{ field: 'b', op: 'eq' as const, value: '2' }] }] };
    expect(conditionsOf(filter).map((c) => c.field)).toEqual(['a', 'b']);
    expect(withoutCondition(filter, 1)).toEqual({ and: [{ field: 'a', op: 'eq', value: '1' }] });
    expect(withoutCondition({ and: [{ field: 'a', op: 'eq', value: '1' }] }, 0)).toBeNull();
  });
});
