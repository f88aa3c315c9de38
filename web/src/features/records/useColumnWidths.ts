import { useCallback, useState } from 'react';
import type { RecordObject } from './types';

export const minColumnWidth = 80;
export const maxColumnWidth = 640;

const storageKey = (object: RecordObject) => `meridian.columnWidths.${object}`;

function load(object: RecordObject): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(storageKey(object)) ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  } catch {
    return {};
  }
}

/** Column widths the user dragged, per object, kept on this device (views keep which columns, not how wide). */
export function useColumnWidths(object: RecordObject) {
  const [widths, setWidths] = useState<Record<string, number>>(() => load(object));
  const setWidth = useCallback(
    (key: string, width: number) => {
      setWidths((current) => {
        const next = { ...current, [key]: Math.round(Math.min(maxColumnWidth, Math.max(minColumnWidth, width))) };
        try {
          globalThis.localStorage?.setItem(storageKey(object), JSON.stringify(next));
        } catch {
          // Storage full or blocked: the width still applies until the page closes.
        }
        return next;
      });
    },
    [object],
  );
  return { widths, setWidth };
}
