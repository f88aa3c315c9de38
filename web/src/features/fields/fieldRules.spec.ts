import { describe, expect, it } from '@jest/globals';
import { keyFromLabel, validateField } from './fieldRules';

const t = (key: string) => key;

describe('custom field rules', () => {
  it('suggests API-valid keys from labels', () => {
    expect(keyFromLabel('Renewal date')).toBe('renewal_date');
    expect(keyFromLabel('  Café № 2 ')).toBe('cafe_no_2');
    expect(keyFromLabel('2024 budget')).toBe('budget');
  });

  it('requires options for select types, unique and non-blank', () => {
    expect(validateField({ label: 'Tier', key: 'tier', type: 'select', options: [] }, t as never)).toEqual({
      options: 'fields.optionsRequired',
    });
    expect(
      validateField(
        {
          label: 'Tier',
          key: 'tier',
          type: 'select',
          options: [
            { value: '', label: 'Gold' },
            { value: '', label: 'gold' },
          ],
        },
        t as never,
      ),
    ).toEqual({ options: 'fields.optionsUnique' });
    expect(validateField({ label: '', key: 'Bad-Key', type: 'text', options: [] }, t as never)).toEqual({
      label: 'validation.required',
      key: 'fields.keyInvalid',
    });
  });
});
