/**
 * Delay before the next attempt after `attempt` attempts (1-based): the platform's
 * exponential backoff with ±20 % jitter, so messages that failed together (an outage) do
 * not come back together.
 */
export { backoffMs as retryDelayMs } from '@meridian/platform';
