import { isEmpty, planMerge } from './merge-plan.js';

const contact = (id: string, values: Record<string, unknown>) => ({
  id,
  first_name: '',
  last_name: '',
  email: null,
  other_emails: [],
  phone: null,
  other_phones: [],
  tags: [],
  custom: {},
  ...values,
});

describe('planMerge', () => {
  const primary = contact('p', { first_name: 'Ada', email: 'ada@example.com', tags: ['vip'], custom: { tier: 'gold' } });
  const first = contact('d1', {
    first_name: 'Augusta',
    last_name: 'King',
    email: 'AK@example.com',
    phone: '+442079460958',
    tags: ['math'],
    custom: { tier: 'silver', region: 'UK' },
  });
  const second = contact('d2', {
    last_name: 'Byron',
    title: 'Countess',
    other_emails: ['ada@example.com', 'countess@example.com'],
    custom: { region: 'EU', size: 3 },
  });

  it("keeps the primary's values, else the first non-empty duplicate's", () => {
    const merged = planMerge('contacts', primary, [first, second]);
    expect(merged).toMatchObject({
      first_name: 'Ada',
      last_name: 'King',
      email: 'ada@example.com',
      phone: '+442079460958',
      title: 'Countess',
    });
  });

  it('unions emails (lower-cased, without the primary one), phones and tags; merges custom key by key', () => {
    const merged = planMerge('contacts', primary, [first, second]);
    expect(merged.emails).toEqual(['ak@example.com', 'countess@example.com']);
    expect(merged.phones).toEqual([]);
    expect(merged.tags).toEqual(['vip', 'math']);
    expect(merged.custom).toEqual({ tier: 'gold', region: 'UK', size: 3 });
  });

  it('applies field choices, custom ones included, and refuses unknown fields or records', () => {
    const merged = planMerge('contacts', primary, [first, second], { firstName: 'd1', lastName: 'd2', 'custom.region': 'd2' });
    expect(merged).toMatchObject({ first_name: 'Augusta', last_name: 'Byron', custom: { tier: 'gold', region: 'EU', size: 3 } });
    expect(() => planMerge('contacts', primary, [first], { firstName: 'nobody' })).toThrow();
    expect(() => planMerge('contacts', primary, [first], { workspaceId: 'd1' })).toThrow();
  });

  it('treats null, empty strings, empty arrays and all-empty objects as empty', () => {
    expect([null, undefined, '', [], {}, { city: null, street: '' }].every(isEmpty)).toBe(true);
    expect([0, false, 'x', ['a'], { city: 'Paris' }].some(isEmpty)).toBe(false);
  });
});
