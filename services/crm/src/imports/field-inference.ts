import type { FieldType } from '../fields/field-definition.js';
import { decimal, isoDate, normaliseEmail } from './import-rows.js';

const DISTINCT_CAP = 51;
/** A column with at most this many distinct values (each repeated) becomes a select. */
const SELECT_MAX_OPTIONS = 20;
const BOOLEAN = new Set(['true', 'false', 'yes', 'no']);
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const URL_LIKE = /^(https?:\/\/|www\.)[^\s]+\.[^\s]+$/i;

/** What the survey saw in a column that will become a new custom field. */
export class ColumnStats {
  nonEmpty = 0;
  numbers = 0;
  dates = 0;
  datetimes = 0;
  booleans = 0;
  emails = 0;
  urls = 0;
  maxLength = 0;
  readonly distinct = new Set<string>();

  add(raw: string): void {
    const v = raw.trim();
    if (!v) return;
    this.nonEmpty++;
    this.maxLength = Math.max(this.maxLength, v.length);
    if (this.distinct.size < DISTINCT_CAP) this.distinct.add(v);
    if (BOOLEAN.has(v.toLowerCase())) this.booleans++;
    else if (decimal(v) !== null) this.numbers++;
    else if (isoDate(v) !== null && v.length <= 10) this.dates++;
    else if (DATETIME.test(v)) this.datetimes++;
    else if (normaliseEmail(v)) this.emails++;
    else if (URL_LIKE.test(v)) this.urls++;
  }

  /** The field type that every value fits, from the narrowest. */
  infer(): { type: FieldType; options: string[] } {
    const all = (n: number) => this.nonEmpty > 0 && n === this.nonEmpty;
    if (all(this.booleans)) return { type: 'boolean', options: [] };
    if (all(this.numbers)) return { type: 'number', options: [] };
    if (all(this.dates)) return { type: 'date', options: [] };
    if (all(this.datetimes)) return { type: 'datetime', options: [] };
    if (all(this.emails)) return { type: 'email', options: [] };
    if (all(this.urls)) return { type: 'url', options: [] };
    const few = this.distinct.size <= SELECT_MAX_OPTIONS && this.distinct.size < this.nonEmpty && this.maxLength <= 60;
    if (few) return { type: 'select', options: [...this.distinct].sort() };
    return { type: this.maxLength > 1000 ? 'longText' : 'text', options: [] };
  }
}
