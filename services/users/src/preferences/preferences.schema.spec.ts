import { DEFAULT_PREFERENCES, mergePreferences, preferencesPatchSchema } from './preferences.schema.js';

describe('preferences', () => {
  it('fills defaults and applies nested partial patches', () => {
    const merged = mergePreferences({ theme: 'dark' }, { notifications: { email: { weeklyDigest: true } } });
    expect(merged.theme).toBe('dark');
    expect(merged.notifications.email).toEqual({ ...DEFAULT_PREFERENCES.notifications.email, weeklyDigest: true });
    expect(merged.notifications.inApp).toEqual(DEFAULT_PREFERENCES.notifications.inApp);
  });

  it('drops unknown stored keys and replaces stored values that no longer validate', () => {
    const merged = mergePreferences({ theme: 'neon', updatedAt: 'x', density: 'compact' });
    expect(merged).toEqual({ ...DEFAULT_PREFERENCES, density: 'compact' });
  });

  it('refuses unknown keys and bad values in a patch, naming the field', () => {
    const bad = preferencesPatchSchema.safeParse({
      theme: 'neon',
      colour: 'red',
      timeZone: 'Mars/Base',
      notifications: { email: { spam: true } },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => (i.path.length ? i.path.join('.') : (i as { keys?: string[] }).keys?.join(',')));
    expect(paths).toEqual(expect.arrayContaining(['theme', 'timeZone']));
    expect(JSON.stringify(bad.error!.issues)).toContain('colour');
    expect(JSON.stringify(bad.error!.issues)).toContain('spam');
  });
});
