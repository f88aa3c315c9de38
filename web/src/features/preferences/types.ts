export type ThemePreference = 'light' | 'dark' | 'system';
export type Density = 'comfortable' | 'compact';

export interface NotificationChoices {
  mentions: boolean;
  taskReminders: boolean;
  approvals: boolean;
  weeklyDigest: boolean;
}

export type NotificationChannel = 'email' | 'inApp';
export type NotificationTopic = keyof NotificationChoices;

export interface Preferences {
  theme: ThemePreference;
  density: Density;
  /** BCP 47 tag; null = the browser's. */
  locale: string | null;
  /** IANA zone; null = the browser's. */
  timeZone: string | null;
  notifications: Record<NotificationChannel, NotificationChoices>;
}

export interface PreferencesPatch {
  theme?: ThemePreference;
  density?: Density;
  locale?: string | null;
  timeZone?: string | null;
  notifications?: Partial<Record<NotificationChannel, Partial<NotificationChoices>>>;
}
