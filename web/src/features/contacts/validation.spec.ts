import { describe, expect, it } from '@jest/globals';
import { createI18n } from '../../app/i18n/createI18n';
import { emptyContactForm, toCreateContactRequest, validateContact } from './validation';

const { t } = createI18n('en-US');

describe('validateContact', () => {
  it('requires names and email', () => {
    expect(validateContact(emptyContactForm, t)).toEqual({
      firstName: 'First name is required',
      lastName: 'Last name is required',
      email: 'Email is required',
    });
  });

  it('rejects a malformed email and a phone without country code', () => {
    const errors = validateContact({ ...emptyContactForm, firstName: 'A', lastName: 'B', email: 'grace@', phone: '555 0100' }, t);
    expect(errors.email).toMatch(/valid email/);
    expect(errors.phone).toMatch(/country code/);
  });

  it('accepts a complete contact', () => {
    expect(
      validateContact({ firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.mil', phone: '+1 415 555 0100', companyName: '' }, t),
    ).toEqual({});
  });
});

describe('toCreateContactRequest', () => {
  it('trims values and leaves out empty optional fields', () => {
    expect(
      toCreateContactRequest({ firstName: ' Grace ', lastName: 'Hopper', email: ' grace@navy.mil ', phone: ' ', companyName: '' }),
    ).toEqual({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@navy.mil',
    });
  });
});
