/** Placeholders look like {name}; unknown placeholders are left visible so gaps are noticed. */
export type MessageParams = Record<string, string | number>;

export function interpolate(template: string, params: MessageParams | undefined, locale: string): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}
