import type { ExportStatus, WorkspaceExport } from './exportsApi';

export const isActive = (status: ExportStatus): boolean => status === 'queued' || status === 'running';

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
export type ByteUnit = (typeof byteUnits)[number];

/** A size as a value and an Intl unit (1024-based), for `formatNumber(value, { style: 'unit', unit })`. */
export function byteSize(bytes: number): { value: number; unit: ByteUnit } {
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1024 && index < byteUnits.length - 1) {
    value /= 1024;
    index += 1;
  }
  // Whole bytes; one decimal above that, dropped once the value reaches 100.
  const digits = index === 0 || value >= 100 ? 0 : 1;
  const factor = 10 ** digits;
  return { value: Math.round(value * factor) / factor, unit: byteUnits[index] ?? 'byte' };
}

export interface ServiceSummary {
  service: string;
  objects: Array<{ object: string; count: number }>;
  total: number;
}

/** The archive's counts grouped by service (services and objects alphabetical). */
export function summarizeByService(objects: WorkspaceExport['summary']['objects']): ServiceSummary[] {
  const services = new Map<string, ServiceSummary>();
  for (const { service, object, count } of objects) {
    let entry = services.get(service);
    if (!entry) services.set(service, (entry = { service, objects: [], total: 0 }));
    entry.objects.push({ object, count });
    entry.total += count;
  }
  return [...services.values()]
    .sort((a, b) => a.service.localeCompare(b.service))
    .map((entry) => ({ ...entry, objects: entry.objects.sort((a, b) => a.object.localeCompare(b.object)) }));
}

/** The file name from a Content-Disposition header (RFC 6266 `filename*` first), else the fallback. */
export function fileNameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent((extended[1] ?? '').trim()) || fallback;
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || fallback;
}
