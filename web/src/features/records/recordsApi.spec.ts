import { describe, expect, it } from '@jest/globals';
import { applyPatch } from './recordsApi';
import { parseEdited } from './components/CellEditor';
import { customColumn, patchFor, readValue } from './columns';
import type { AnyRecord } from './types';

const record = (): AnyRecord => ({
  id: 'c1',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastActivityAt: null,
  ownerId: null,
  tags: [],
  externalId: null,
  firstName: 'Ada',
  custom: { tier: 'gold', renewal: '2027-01-01' },
});

describe('optimistic edits match the server’s PATCH semantics', () => {
  it('merges custom fields key by key and removes a key set to null', () => {
    const r = record();
    applyPatch(r, { firstName: 'Grace', custom: { tier: 'silver', renewal: null } });
    expect(r.firstName).toBe('Grace');
    expect(r.custom).toEqual({ tier: 'silver' });
  });

  it('reads and writes custom columns under `custom`', () => {
    expect(readValue(record(), 'custom.tier')).toBe('gold');
    expect(patchFor('custom.tier', 'silver')).toEqual({ custom: { tier: 'silver' } });
    expect(patchFor('email', null)).toEqual({ email: null });
  });
});

describe('parseEdited turns typed text into API values', () => {
  const column = (kind: Parameters<typeof customColumn>[0]['type']) =>
    customColumn({ id: 'f', object: 'contacts', key: 'k', label: 'K', type: kind, options: null, required: false, position: 0 });

  it('numbers as numbers, blank as null, lists split on commas, money as a decimal string', () => {
    expect(parseEdited(column('number'), ' 42 ')).toBe(42);
    expect(parseEdited(column('text'), '   ')).toBeNull();
    expect(parseEdited(column('multiSelect'), 'a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(parseEdited(column('currency'), '$1,250.50')).toBe('1250.50');
  });
});
