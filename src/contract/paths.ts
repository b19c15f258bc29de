/**
 * The contract's helpers the web runs (issue 16): a call's URL and a topic's name, without zod. The web build
 * replaces every other contract module by its data (vite.config.ts, src/web/contractData.ts: the schemas are
 * types there, never checked in the browser), so these are the only contract code the browser runs.
 * endpoint.ts re-exports them.
 */
import type { Endpoint, Topic } from './endpoint';

/** The URL of a call: path parameters filled in (encoded), the query as a query string (undefined / null left out). */
export function urlOf(e: Pick<Endpoint, 'path'>, input: { params?: unknown; query?: unknown } = {}): string {
  const params = (input.params ?? {}) as Record<string, unknown>;
  const path = e.path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) throw new Error(`${e.path}: missing path parameter ${name}`);
    return encodeURIComponent(String(v));
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const x of v) q.append(k, String(x));
    else q.append(k, String(v));
  }
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The topic string for a topic with its parts filled in: topicName(floorTeam, { teamId: 3 }) = 'floor:team:3'. */
export function topicName(t: Pick<Topic, 'name'>, params: Record<string, string | number> = {}): string {
  return t.name.replace(/\{([A-Za-z_]+)\}/g, (_m, k: string) => {
    if (params[k] === undefined) throw new Error(`topic ${t.name}: missing ${k}`);
    return String(params[k]);
  });
}

/** True when a concrete topic string is an instance of the topic (`floor:team:3` of `floor:team:{teamId}`). */
export function topicMatches(t: Pick<Topic, 'name'>, concrete: string): boolean {
  const re = new RegExp(`^${t.name.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[A-Za-z_]+\\?\}/g, '[^:]+')}$`);
  return re.test(concrete);
}
