import { describe, expect, it } from '@jest/globals';
import { createI18n } from './createI18n';

describe('createI18n', () => {
  it('interpolates params and formats numbers in the locale', () => {
    const { t } = createI18n('de-DE');
    expect(t('contacts.showing', { count: 1234 })).toBe('Showing 1.234 contacts');
  });

  it('picks the plural form from the count', () => {
    const { t } = createI18n('en-US');
    expect(t('contacts.showingAll', { count: 1 })).toBe('Showing 1 contact');
    expect(t('contacts.showingAll', { count: 3 })).toBe('Showing all 3 contacts');
  });

  it('formats calendar days without shifting them by time zone', () => {
    const { formatDay } = createI18n('en-US');
    expect(formatDay('2026-03-01')).toBe('Mar 1');
  });
});
