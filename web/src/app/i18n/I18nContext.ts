import { createContext } from 'react';
import type { MessageKey } from './en';
import type { MessageParams } from './format';

export interface I18n {
  locale: string;
  /** The IANA zone dates are shown in. */
  timeZone: string;
  t: (key: MessageKey, params?: MessageParams) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  formatDate: (value: string | Date, options?: Intl.DateTimeFormatOptions) => string;
  /** A calendar day (YYYY-MM-DD) has no time zone: format it as-is, never shifted. */
  formatDay: (day: string, options?: Intl.DateTimeFormatOptions) => string;
}

export const I18nContext = createContext<I18n | null>(null);
