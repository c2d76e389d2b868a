import type { PasswordChangeReason, StaffUser } from '@manyi/shared';

// The login's `user` is typed once, in shared; re-exported for the pages that import it from here.
export type { StaffUser };

export interface StoredSession {
  token: string;
  user: StaffUser;
  /** Set while the password is temporary or expired: the page shows nothing but the change form. */
  passwordChange?: PasswordChangeReason | null;
}

// sessionStorage, not localStorage: a staff session ends with the browser tab (shared office computers).
const KEY = 'manyi.admin.session';

type Listener = () => void;
const listeners = new Set<Listener>();

/** The stored session as text: a stable snapshot for useSyncExternalStore (same text, same value). */
export function sessionSnapshot(): string | null {
  return sessionStorage.getItem(KEY);
}

export function parseSession(raw: string | null): StoredSession | null {
  try {
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    return typeof parsed.token === 'string' && parsed.user ? (parsed as StoredSession) : null;
  } catch {
    return null;
  }
}

export function readSession(): StoredSession | null {
  return parseSession(sessionSnapshot());
}

export function getToken(): string | null {
  return readSession()?.token ?? null;
}

export function saveSession(token: string, user: StaffUser, passwordChange: PasswordChangeReason | null = null): void {
  sessionStorage.setItem(KEY, JSON.stringify({ token, user, passwordChange } satisfies StoredSession));
  notify();
}

/** The service answered PASSWORD_CHANGE_REQUIRED or PASSWORD_EXPIRED: send the user to the change form. */
export function requirePasswordChange(reason: PasswordChangeReason): void {
  const session = readSession();
  if (!session || session.passwordChange === reason) return;
  saveSession(session.token, session.user, reason);
}

export function clearSession(): void {
  if (sessionStorage.getItem(KEY) === null) return;
  sessionStorage.removeItem(KEY);
  notify();
}

/** Called when the session starts or ends (login, logout, a 401 from any call). */
export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}
