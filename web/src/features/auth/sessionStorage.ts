import type { Session } from './types';

// Tokens live in localStorage so a reload keeps the user signed in (as the product
// asks); the access token is short-lived and the refresh token rotates on every use.
const storageKey = 'meridian.session';

function isSession(value: unknown): value is Session {
  if (!value || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.accessToken === 'string' &&
    typeof s.refreshToken === 'string' &&
    typeof s.user === 'object' &&
    s.user !== null &&
    typeof s.workspace === 'object' &&
    s.workspace !== null
  );
}

export function loadSession(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isSession(parsed) ? parsed : null;
  } catch {
    // Corrupt or inaccessible storage means "not signed in", never a crash.
    return null;
  }
}

export function saveSession(session: Session | null): void {
  try {
    if (session) globalThis.localStorage?.setItem(storageKey, JSON.stringify(session));
    else globalThis.localStorage?.removeItem(storageKey);
  } catch {
    // Private mode / quota: the session still works for this tab.
  }
}
