import { describe, expect, it } from '@jest/globals';
import { customKeyFor, hasProblems, mappedRows, mappingProblems, samplesOf } from './mapping';

describe('customKeyFor', () => {
  it('makes a valid custom field key from any header', () => {
    expect(customKeyFor('Renewal date')).toBe('renewal_date');
    expect(customKeyFor('  Côté / Région ')).toBe('cote_region');
    expect(customKeyFor('2024 budget')).toBe('field_2024_budget');
    expect(customKeyFor('!!!')).toBe('field');
    expect(customKeyFor('x'.repeat(100))).toHaveLength(63);
    for (const header of ['Renewal date', '2024 budget', '!!!', 'É']) expect(customKeyFor(header)).toMatch(/^[a-z][a-z0-9_]{0,62}$/);
  });
});

describe('mappingProblems', () => {
  it('flags two columns mapped to the same field', () => {
    const problems = mappingProblems('contacts', { Email: 'email', 'E-mail 2': 'email', Name: 'fullName' });
    expect(problems.duplicateTargets).toEqual(['email']);
    expect(hasProblems(problems)).toBe(true);
  });

  it('needs something that identifies the record', () => {
    expect(mappingProblems('contacts', { Phone: 'phone' }).missingRequired).toBe(true);
    expect(mappingProblems('contacts', { Mail: 'email' }).missingRequired).toBe(false);
    expect(mappingProblems('deals', { Value: 'amount' }).missingRequired).toBe(true);
    expect(hasProblems(mappingProblems('companies', { Company: 'name', Web: 'domain' }))).toBe(false);
  });

  it('treats an all-skipped mapping as empty', () => {
    expect(mappingProblems('contacts', { A: '', B: '' }).empty).toBe(true);
  });
});

describe('mappedRows and samplesOf', () => {
  const headers = ['First', 'Ignored', 'Email'];
  const rows = [
    ['Ada', 'x', 'ada@example.com'],
    ['', 'y', 'ada@example.com'],
    ['Grace', 'z', 'grace@example.com'],
  ];

  it('keeps only mapped columns, in file order', () => {
    const result = mappedRows(headers, rows, { First: 'firstName', Ignored: '', Email: 'email' }, 2);
    expect(result.columns.map((c) => c.target)).toEqual(['firstName', 'email']);
    expect(result.rows).toEqual([
      ['Ada', 'ada@example.com'],
      ['', 'ada@example.com'],
    ]);
  });

  it('samples distinct non-empty values', () => {
    expect(samplesOf(rows, 0)).toEqual(['Ada', 'Grace']);
    expect(samplesOf(rows, 2, 1)).toEqual(['ada@example.com']);
  });
});
