import { describe, expect, it } from '@jest/globals';
import { applyPatch } from './preferencesApi';
import type { Preferences } from './types';

const base: Preferences = {
  theme: 'system',
  density: 'comfortable',
  locale: null,
  timeZone: null,
  notifications: {
    email: { mentions: true, taskReminders: true, approvals: true, weeklyDigest: false },
    inApp: { mentions: true, taskReminders: true, approvals: true, weeklyDigest: false },
  },
};

describe('applyPatch', () => {
  it('changes only what the patch names, nested choices included', () => {
    const next = applyPatch(base, { theme: 'dark', notifications: { email: { weeklyDigest: true } } });
    expect(next.theme).toBe('dark');
    expect(next.density).toBe('comfortable');
    expect(next.notifications.email).toEqual({ ...base.notifications.email, weeklyDigest: true });
    expect(next.notifications.inApp).toEqual(base.notifications.inApp);
  });

  it('clears locale and time zone back to the browser default with null', () => {
    const next = applyPatch({ ...base, locale: 'de-DE', timeZone: 'Europe/Berlin' }, { locale: null, timeZone: null });
    expect(next.locale).toBeNull();
    expect(next.timeZone).toBeNull();
  });
});
