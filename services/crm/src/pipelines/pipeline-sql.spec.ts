import { moveTo } from './pipeline-sql.js';

describe('moveTo (stage and pipeline reordering)', () => {
  const ids = ['a', 'b', 'c', 'd'];

  it('moves an item to the given position and keeps the others in order', () => {
    expect(moveTo(ids, 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveTo(ids, 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveTo(ids, 'b', 1)).toEqual(ids);
  });

  it('clamps positions past the end to the last place', () => {
    expect(moveTo(ids, 'a', 99)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('inserts a new id (not yet in the list) at the position', () => {
    expect(moveTo(ids, 'x', 1)).toEqual(['a', 'x', 'b', 'c', 'd']);
  });
});
