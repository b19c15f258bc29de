/**
 * The sign-in check sent before the app's code has loaded (issue 16). The app's first render waited for its whole
 * entry (every locale's messages merged, the first render) before it asked GET /api/auth/me, then for that answer
 * before it fetched the page's chunk. public/boot.js, a small script index.html loads ahead of the entry, sends
 * the request at once; the first sign-in check takes its answer here. main.tsx fetches the page's chunk beside it
 * (preloadPageOf) instead of after it.
 */

/** The path public/boot.js asks (contract.platform.me; boot.test.ts checks both). */
export const ME_PATH = '/api/auth/me';

let taken = false;

/**
 * The GET /api/auth/me public/boot.js sent, to the first sign-in check only: later ones (after a sign-in) ask again,
 * and so does the first when the script had not run yet (its answer, coming later, is then never used).
 */
export function takeEarlyMe(): Promise<Response> | null {
  if (taken) return null;
  taken = true;
  const w = globalThis as { __cfEarlyMe?: Promise<Response> | null };
  const p = w.__cfEarlyMe ?? null;
  w.__cfEarlyMe = null;
  return p;
}
