import type { MessageKey } from '../../app/i18n';
import type { FieldOption, FieldType } from '../records/types';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const fieldTypes: FieldType[] = [
  'text',
  'longText',
  'number',
  'currency',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiSelect',
  'url',
  'email',
  'phone',
  'user',
];

/** The API's key rule: a lower-case letter, then letters, digits or underscores (≤ 63). */
export const fieldKeyPattern = /^[a-z][a-z0-9_]{0,62}$/;

/** "Renewal date" → "renewal_date": a key the API accepts, suggested from the label. */
export function keyFromLabel(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[^a-z]+/, '');
  return slug.slice(0, 63);
}

export function validateField(
  input: { label: string; key: string; type: FieldType; options: FieldOption[] },
  t: Translate,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!input.label.trim()) errors.label = t('validation.required', { field: t('fields.label') });
  if (!fieldKeyPattern.test(input.key)) errors.key = t('fields.keyInvalid');
  if (input.type === 'select' || input.type === 'multiSelect') {
    const labels = input.options.map((o) => o.label.trim());
    if (labels.length === 0 || labels.some((l) => !l)) errors.options = t('fields.optionsRequired');
    else if (new Set(labels.map((l) => l.toLowerCase())).size !== labels.length) errors.options = t('fields.optionsUnique');
  }
  return errors;
}
