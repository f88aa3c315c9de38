/** Expiry choices offered when creating an API key. */
export const EXPIRY_CHOICES = ['30', '90', '365', 'never', 'custom'] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

const DAY_MS = 86_400_000;

/**
 * The `expiresAt` to send: undefined for "never"; a preset counts days from `now`; a custom
 * date (YYYY-MM-DD, from a date input) means the end of that day in the user's time zone.
 * Null when the custom date is missing, malformed or not in the future.
 */
export function expiresAtFor(choice: ExpiryChoice, customDate: string, now = new Date()): string | undefined | null {
  if (choice === 'never') return undefined;
  if (choice !== 'custom') return new Date(now.getTime() + Number(choice) * DAY_MS).toISOString();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(customDate);
  if (!match) return null;
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
  return end.getTime() > now.getTime() + 60_000 ? end.toISOString() : null;
}
