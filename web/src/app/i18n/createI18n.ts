import { en, type Messages } from './en';
import { formatMessage } from './format';
import type { I18n } from './I18nContext';

const catalogs: Record<string, Messages> = { en };

/** The user's preferred locale for formatting; messages fall back to English. */
export function detectLocale(): string {
  if (typeof navigator === 'undefined') return 'en';
  return navigator.languages?.[0] ?? navigator.language ?? 'en';
}

/** Messages and formatting for `locale`; dates and times shown in `timeZone` (default: the browser's). */
function isLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}

function isTimeZone(zone: string | undefined): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function createI18n(requestedLocale: string, timeZone?: string): I18n {
  const locale = isLocale(requestedLocale) ? requestedLocale : 'en';
  const language = locale.split('-')[0] ?? 'en';
  const messages = catalogs[locale] ?? catalogs[language] ?? en;
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const dateFormats = new Map<string, Intl.DateTimeFormat>();

  const zone = isTimeZone(timeZone) ? timeZone : undefined;
  const numberFormat = (options?: Intl.NumberFormatOptions) => {
    const key = JSON.stringify(options ?? {});
    let format = numberFormats.get(key);
    if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
    return format;
  };
  const dateFormat = (options: Intl.DateTimeFormatOptions) => {
    const key = JSON.stringify(options);
    let format = dateFormats.get(key);
    if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
    return format;
  };

  return {
    locale,
    t: (key, params) => formatMessage(messages[key] ?? en[key], params, locale),
    formatNumber: (value, options) => numberFormat(options).format(value),
    timeZone: zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    formatDate: (value, options = { dateStyle: 'medium' }) =>
      dateFormat({ timeZone: zone, ...options }).format(typeof value === 'string' ? new Date(value) : value),
    formatDay: (day, options = { month: 'short', day: 'numeric' }) =>
      dateFormat({ ...options, timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)),
  };
}
