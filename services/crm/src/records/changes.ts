/** One changed field of an update, as events carry it (proto FieldChange). */
export interface FieldChange {
  field: string;
  oldJson: string;
  newJson: string;
}

const json = (v: unknown): string => JSON.stringify(v ?? null);

/**
 * The fields that differ between two representations of a record. Custom fields are
 * compared key by key and reported as `custom.<key>`; timestamps that every write moves
 * (updatedAt) are not changes.
 */
export function diffRecords(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  const ignore = new Set(['updatedAt', 'id', 'createdAt']);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.has(key)) continue;
    if (key === 'custom') {
      const b = (before.custom ?? {}) as Record<string, unknown>;
      const a = (after.custom ?? {}) as Record<string, unknown>;
      for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
        if (json(b[k]) !== json(a[k])) changes.push({ field: `custom.${k}`, oldJson: json(b[k]), newJson: json(a[k]) });
      }
      continue;
    }
    if (json(before[key]) !== json(after[key])) changes.push({ field: key, oldJson: json(before[key]), newJson: json(after[key]) });
  }
  return changes;
}
