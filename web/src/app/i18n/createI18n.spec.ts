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

  it('shows dates in the chosen time zone', () => {
    const instant = '2026-03-01T23:30:00Z';
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
    expect(createI18n('en-US', 'UTC').formatDate(instant, options)).toBe('Mar 1, 2026');
    expect(createI18n('en-US', 'Asia/Tokyo').formatDate(instant, options)).toBe('Mar 2, 2026');
    expect(createI18n('en-US', 'Asia/Tokyo').timeZone).toBe('Asia/Tokyo');
  });

  it('falls back to English and the browser zone for unusable settings', () => {
    const i18n = createI18n('not a locale!', 'Mars/Olympus');
    expect(i18n.locale).toBe('en');
    expect(i18n.formatNumber(1234)).toBe('1,234');
  });
});
