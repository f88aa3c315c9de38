import { describe, expect, it } from '@jest/globals';
import type { AnyRecord } from '../records/types';
import { compareRecords, defaultChoices, defaultPrimary, displayValue, recordTitle } from './compareRecords';

const base = { ownerId: null, tags: [], custom: {}, externalId: null, updatedAt: '2026-01-01', lastActivityAt: null };
const ada = {
  ...base,
  id: 'a',
  createdAt: '2026-01-01T00:00:00Z',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: null,
  tags: ['vip'],
  custom: { tier: 'gold' },
} as AnyRecord;
const ada2 = {
  ...base,
  id: 'b',
  createdAt: '2026-02-01T00:00:00Z',
  firstName: 'Ada',
  lastName: 'King',
  email: 'ada@example.com',
  phone: '+442079460958',
  address: { city: 'London', country: 'GB' },
} as AnyRecord;

describe('compareRecords', () => {
  it('lists fields either record holds, marking identical ones', () => {
    const rows = compareRecords('contacts', ada, ada2);
    const byField = Object.fromEntries(rows.map((r) => [r.field, r.same]));
    expect(byField).toEqual({
      firstName: true,
      lastName: false,
      email: true,
      phone: false,
      tags: false,
      address: false,
      'custom.tier': false,
    });
  });
});

describe('defaultPrimary and defaultChoices', () => {
  it('keeps the fuller record and fills its gaps from the other', () => {
    const primary = defaultPrimary('contacts', ada, ada2);
    expect(primary.id).toBe('a');
    const choices = defaultChoices(compareRecords('contacts', ada, ada2), ['a', 'b'], 'a');
    expect(choices).toEqual({ lastName: 'a', phone: 'b', tags: 'a', address: 'b', 'custom.tier': 'a' });
  });

  it('breaks a tie with the older record', () => {
    const older = { ...ada2, id: 'c', createdAt: '2025-12-01T00:00:00Z' } as AnyRecord;
    expect(defaultPrimary('contacts', ada2, older).id).toBe('c');
  });
});

describe('display', () => {
  it('renders lists and addresses on one line and names records', () => {
    expect(displayValue(['a', 'b'])).toBe('a, b');
    expect(displayValue({ street: null, city: 'London', country: 'GB' })).toBe('London, GB');
    expect(displayValue(null)).toBe('');
    expect(recordTitle('contacts', ada)).toBe('Ada Lovelace');
    expect(recordTitle('contacts', { ...base, id: 'x', createdAt: '', email: 'x@y.z' } as AnyRecord)).toBe('x@y.z');
  });
});
