import { useMemo, type ReactNode } from 'react';
import { createI18n, detectLocale } from './createI18n';
import { I18nContext } from './I18nContext';

export function I18nProvider({ locale, children }: { locale?: string; children: ReactNode }) {
  const value = useMemo(() => createI18n(locale ?? detectLocale()), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
