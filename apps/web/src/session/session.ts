import { ApiError } from '@biore/api-client';
import { useSyncExternalStore } from 'react';

/**
 * What the page knows of its session. The login cookie is HttpOnly, so the page remembers having signed in
 * (localStorage) instead of asking the API on every load: a visitor who never signed in gets the sign-in form
 * without a 401 in the browser's console.
 */
export interface Session {
  signedIn: boolean;
  /** Sign-ins on this page so far: tells one session from the next (switching accounts). */
  signIns: number;
  /** The API's refusal that ended the session while the page was open (expired, revoked...), if that is how. */
  endedBy?: ApiError;
}

const STORAGE_KEY = 'biore.signedIn';

let current: Session = { signedIn: localStorage.getItem(STORAGE_KEY) !== null, signIns: 0 };
const listeners = new Set<() => void>();

function update(next: Session): void {
  current = next;
  for (const listener of listeners) listener();
}

export function beginSession(): void {
  localStorage.setItem(STORAGE_KEY, 'yes');
  update({ signedIn: true, signIns: current.signIns + 1 });
}

export function endSession(endedBy?: ApiError): void {
  localStorage.removeItem(STORAGE_KEY);
  update({ signedIn: false, signIns: current.signIns, endedBy });
}

/** For React Query's caches: any call the API refuses for want of a valid session ends it (not a failed login). */
export function endSessionOnAuthFailure(error: unknown): void {
  if (error instanceof ApiError && error.status === 401 && error.i18nKey.startsWith('auth.token.')) {
    endSession(error);
  }
}

export function useSession(): Session {
  return useSyncExternalStore(subscribe, () => current);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
