import type { Principal } from '@meridian/platform';

/**
 * Record visibility, the one rule every crm read path applies: the user whose records alone
 * the caller may see ('team' visibility = own records until teams exist), or undefined when
 * they see the whole workspace. Service-to-service reads pass no viewer.
 */
export const ownOnly = (viewer?: Principal): string | undefined => (viewer?.recordVisibility === 'team' ? viewer.userId : undefined);
