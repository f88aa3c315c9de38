export { I18nProvider } from './I18nProvider';
export { useI18n, useT } from './useT';
export type { MessageKey } from './en';
export type { I18n } from './I18nContext';
