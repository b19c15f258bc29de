/**
 * What the page starts before the rest of its code runs (imported first by main.tsx; issue 16). The app's
 * first render waited for the whole entry (the messages of every locale merged, the first render) before it
 * asked GET /api/auth/me, and for that answer before it fetched the page's chunk: three steps one after the
 * other. Here the sign-in check is sent and the page's chunk requested as soon as the entry runs, side by side.
 */
import { preloadPageOf } from './nav';

/** The path of contract.platform.me (not imported here: the contract's schemas are built later in the entry). */
export const ME_PATH = '/api/auth/me';

let earlyMe: Promise<Response> | null = typeof fetch === 'function' && typeof location !== 'undefined' ? fetch(ME_PATH, { credentials: 'same-origin' }) : null;
// a rejected early request is read (and reported) by whoever takes it; never an unhandled rejection meanwhile
earlyMe?.catch(() => {});
if (typeof location !== 'undefined') preloadPageOf(location.hash);

/** The GET /api/auth/me sent at start, once (the first sign-in check takes it; later ones ask again). */
export function takeEarlyMe(): Promise<Response> | null {
  const p = earlyMe;
  earlyMe = null;
  return p;
}
