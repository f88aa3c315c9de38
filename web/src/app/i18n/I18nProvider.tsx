import { useMemo, type ReactNode } from 'react';
import { selectCachedPreferences } from '../../features/preferences/preferencesApi';
import { useAppSelector } from '../hooks';
import { createI18n, detectLocale } from './createI18n';
import { I18nContext } from './I18nContext';

/** Locale and time zone: an explicit prop, else the user's saved preferences, else the browser's. */
export function I18nProvider({ locale, timeZone, children }: { locale?: string; timeZone?: string; children: ReactNode }) {
  const preferences = useAppSelector(selectCachedPreferences).data;
  const effectiveLocale = locale ?? preferences?.locale ?? detectLocale();
  const effectiveZone = timeZone ?? preferences?.timeZone ?? undefined;
  const value = useMemo(() => createI18n(effectiveLocale, effectiveZone), [effectiveLocale, effectiveZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
