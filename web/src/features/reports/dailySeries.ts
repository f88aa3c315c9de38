import type { DailyCount } from './types';

const dayMs = 24 * 60 * 60 * 1000;

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A continuous run of `days` calendar days ending today (UTC, like the warehouse),
 * with days the report does not mention counted as zero.
 */
export function lastNDays(data: readonly DailyCount[], days: number, today: Date = new Date()): DailyCount[] {
  const counts = new Map(data.map((point) => [point.day, point.count]));
  // Never hide the newest data, even if the server's "today" is ahead of ours.
  const latest = data.reduce((max, point) => (point.day > max ? point.day : max), '');
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const latestUtc = latest ? Date.parse(`${latest}T00:00:00Z`) : Number.NaN;
  const end = Number.isNaN(latestUtc) ? todayUtc : Math.max(todayUtc, latestUtc);
  return Array.from({ length: days }, (_, index) => {
    const day = toDay(new Date(end - (days - 1 - index) * dayMs));
    return { day, count: counts.get(day) ?? 0 };
  });
}

export function sumCounts(data: readonly DailyCount[]): number {
  return data.reduce((total, point) => total + point.count, 0);
}
