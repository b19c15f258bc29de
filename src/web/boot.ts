/**
 * The sign-in check sent before the app's code has loaded (issue 16). The app's first render waited for its whole
 * entry (every locale's messages merged, the first render) before it asked GET /api/auth/me, then for that answer
 * before it fetched the page's chunk. /boot.js (src/web/bootEarly.js), a small script index.html loads ahead of the entry, sends
 * the request at once; the first sign-in check takes its answer here. main.tsx fetches the page's chunk beside it
 * (preloadPageOf) instead of after it.
 */

/** The path /boot.js asks (contract.platform.me; boot.test.ts checks both). */
export const ME_PATH = '/api/auth/me';

let taken = false;

/**
 * The GET /api/auth/me /boot.js sent, to the first sign-in check only: later ones (after a sign-in) ask again,
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

/** The path of the live socket /boot.js opens (contract: the server's /api/live). */
export const LIVE_PATH = '/api/live';

/**
 * The live socket /boot.js opened once the early sign-in check said the browser is signed in (issue 16: its
 * handshake then overlaps the entry's loading instead of following the page's first render), for the first
 * connection only, and only while it is still connecting or open; null otherwise (the caller opens its own).
 */
export function takeEarlySocket(): WebSocket | null {
  const w = globalThis as { __cfEarlySocket?: WebSocket | null };
  const s = w.__cfEarlySocket ?? null;
  w.__cfEarlySocket = null;
  return s && (s.readyState === 0 || s.readyState === 1) ? s : null;
}

/** The id /boot.js's early `floor.snapshot` goes with (unique: the app's asks are numbered `floor.snapshot#1`…). */
export const EARLY_SNAPSHOT_ID = 'floor.snapshot#early';

/**
 * The answer to the `floor.snapshot` /boot.js sent on its socket as soon as it opened, on the wallboard's address
 * (issue 16: the page's own ask left only after the entry had run and the page had rendered, ~0.3–0.5 s later): to
 * the first taker only; resolves to undefined when it was refused or the socket closed. Only for a first look: it
 * was read before the page's subscribe, so the page still asks its own behind the subscribe and shows that one.
 */
export function takeEarlySnapshot(): { answer?: unknown; later: Promise<unknown> } | null {
  const w = globalThis as { __cfEarlySnapshot?: Promise<unknown> | null; __cfEarlySnapshotAnswer?: { answer: unknown } };
  const later = w.__cfEarlySnapshot ?? null;
  w.__cfEarlySnapshot = null;
  if (!later) return null;
  // boot.js keeps the answer beside its promise: a page that mounts after it arrived shows it in its first commit
  return w.__cfEarlySnapshotAnswer ? { answer: w.__cfEarlySnapshotAnswer.answer, later } : { later };
}
