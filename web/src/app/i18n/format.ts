import type { MessageValue } from './en';

/** Placeholders look like {name}; unknown placeholders are left visible so gaps are noticed. */
export type MessageParams = Record<string, string | number>;

const pluralRules = new Map<string, Intl.PluralRules>();

function selectForm(value: MessageValue, params: MessageParams | undefined, locale: string): string {
  if (typeof value === 'string') return value;
  const count = params?.count;
  if (typeof count !== 'number') return value.other;
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return value[rules.select(count)] ?? value.other;
}

export function formatMessage(value: MessageValue, params: MessageParams | undefined, locale: string): string {
  const template = selectForm(value, params, locale);
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const param = params[key];
    if (param === undefined) return whole;
    return typeof param === 'number' ? new Intl.NumberFormat(locale).format(param) : param;
  });
}
