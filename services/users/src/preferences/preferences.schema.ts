import { z } from 'zod';

const notificationChoices = z.object({
  mentions: z.boolean(),
  taskReminders: z.boolean(),
  approvals: z.boolean(),
  weeklyDigest: z.boolean(),
});

/** A user's preferences in one workspace: UI settings and notification choices. */
export const preferencesSchema = z.object({
  theme: z.enum(['light', 'dark', 'system']),
  density: z.enum(['comfortable', 'compact']),
  /** BCP 47 tag; null = the browser's. */
  locale: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'Use a language tag like en-GB.')
    .nullable(),
  /** IANA zone; null = the browser's. */
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'Use an IANA time zone like Europe/London.')
    .nullable(),
  notifications: z.object({ email: notificationChoices, inApp: notificationChoices }),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  density: 'comfortable',
  locale: null,
  timeZone: null,
  notifications: {
    email: { mentions: true, taskReminders: true, approvals: true, weeklyDigest: false },
    inApp: { mentions: true, taskReminders: true, approvals: true, weeklyDigest: false },
  },
};

/** PATCH body: any subset, nested sections partial too; unknown keys are refused. */
export const preferencesPatchSchema = z
  .object({
    theme: preferencesSchema.shape.theme,
    density: preferencesSchema.shape.density,
    locale: preferencesSchema.shape.locale,
    timeZone: preferencesSchema.shape.timeZone,
    notifications: z
      .object({ email: notificationChoices.partial().strict(), inApp: notificationChoices.partial().strict() })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type PreferencesPatch = z.infer<typeof preferencesPatchSchema>;

type Choices = Preferences['notifications']['email'];

/** Picks the first value that passes `schema`: patch, then stored, then the default. */
function pick<T>(schema: z.ZodType<T>, ...candidates: unknown[]): T {
  for (const c of candidates) {
    if (c === undefined) continue;
    const parsed = schema.safeParse(c);
    if (parsed.success) return parsed.data;
  }
  throw new Error('default preference does not satisfy its schema');
}

function mergeChoices(defaults: Choices, stored: unknown, patch: Partial<Choices> | undefined): Choices {
  const s = (stored ?? {}) as Partial<Choices>;
  const out = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof Choices)[]) out[key] = pick(z.boolean(), patch?.[key], s[key], defaults[key]);
  return out;
}

/**
 * Applies a validated patch over stored preferences. Stored values that no longer validate
 * (written by an older version) fall back to today's defaults, key by key; unknown stored
 * keys are dropped.
 */
export function mergePreferences(stored: unknown, patch: PreferencesPatch = {}): Preferences {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<keyof Preferences, unknown>>;
  const shape = preferencesSchema.shape;
  const d = DEFAULT_PREFERENCES;
  const sn = (s.notifications ?? {}) as Partial<Record<'email' | 'inApp', unknown>>;
  return {
    theme: pick(shape.theme, patch.theme, s.theme, d.theme),
    density: pick(shape.density, patch.density, s.density, d.density),
    locale: pick(shape.locale, patch.locale, s.locale, d.locale),
    timeZone: pick(shape.timeZone, patch.timeZone, s.timeZone, d.timeZone),
    notifications: {
      email: mergeChoices(d.notifications.email, sn.email, patch.notifications?.email),
      inApp: mergeChoices(d.notifications.inApp, sn.inApp, patch.notifications?.inApp),
    },
  };
}
