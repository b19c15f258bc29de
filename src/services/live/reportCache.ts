/**
 * KPI reports of finished periods, cached (issue 16). A month's report by agent is read from the daily
 * rollups, yet at 20 connections the server spent its time summing the same past month again and again.
 * A period that ended before the center's current day changes only when rows of a past day do (a late
 * event, a state closed across midnight, history imported, the rollups rebuilt) or when an agent or team
 * it names does; each of these changes the center's report stamp (src/store/live/reportStamp.ts). So the
 * answer is kept, as the JSON text sent, with the stamp it was computed under, and served while the stamp
 * is unchanged: one indexed read per request instead of the report's queries.
 *
 * The key is the resolved request *and the caller's scope*: a team lead's report (their agents' codes) is
 * never served to another lead or to a center-wide role, even for the same query text. Periods reaching
 * into the current day (or open-ended) are computed every time, as before.
 *
 * Every answer carries an ETag (a hash of its text), so a client that has it gets a 304 without the body.
 */
import { createHash } from 'node:crypto';
import { localDayStart } from '../../core/kpi';
import { tzOffsetFn } from '../../core/timezone';
import type { Store } from '../../store/db';
import { reportStampOf } from '../../store/live/reportStamp';
import type { Scope } from '../../store/scope';
import type { Actor, ServiceDeps } from '../context';
import { resolveKpiReport, runKpiReport, type KpiReportInput, type ResolvedKpiReport } from './reports';

/**
 * A period counts as finished once it ended before the center's day that began this long ago: a write
 * that read the clock just before midnight and commits just after it (an ingest batch takes well under
 * a second) still marks the stamp before such a period can be cached.
 */
export const REPORT_SETTLE_MS = 10 * 60_000;
/** Memory for cached answers per store (JSON text; a month by agent of 100 agents is about 100 KB). */
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 2000;

/** One answer: the JSON text and its ETag; `encoded` holds compressed copies the transport made once. */
export interface ReportBody {
  json: string;
  etag: string;
  /** true when the answer is kept for later requests (a finished period) */
  cacheable: boolean;
  /** true when served from the cache (not computed for this request) */
  hit: boolean;
  /** compressed copies by encoding ('br', 'gzip'), made by the transport, kept with a cached answer */
  encoded: Map<string, Buffer>;
}

interface Entry {
  stamp: string;
  body: ReportBody;
  bytes: number;
}

/** Least recently used first out, by entries and by bytes. */
class ReportCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** answers being computed, by key and stamp: concurrent requests for the same report share one computation */
  readonly inflight = new Map<string, Promise<ReportBody>>();

  get(key: string, stamp: string): ReportBody | null {
    const e = this.entries.get(key);
    if (!e) return null;
    this.entries.delete(key);
    if (e.stamp !== stamp) {
      this.bytes -= e.bytes;
      return null;
    }
    this.entries.set(key, e); // most recently used last
    return e.body;
  }

  set(key: string, stamp: string, body: ReportBody): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    const bytes = body.json.length * 2;
    if (bytes > MAX_BYTES / 4) return; // one huge answer would push out everything else
    this.entries.set(key, { stamp, body, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= MAX_BYTES && this.entries.size <= MAX_ENTRIES) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** One cache per store (a server, a test's database): answers of one database never meet another's. */
const caches = new WeakMap<Store, ReportCache>();
function cacheOf(store: Store): ReportCache {
  let c = caches.get(store);
  if (!c) caches.set(store, (c = new ReportCache()));
  return c;
}

/** Stores whose reports are never kept (the benchmark's uncached baseline, bench/report.ts). */
const uncached = new WeakSet<Store>();
/** Turn the cache off (or on again) for one store: every answer is then computed as before issue 16. */
export function setReportCaching(store: Store, on: boolean): void {
  if (on) uncached.delete(store);
  else uncached.add(store);
}

/** Cached answers held for a store (tests). */
export const cachedReportCount = (store: Store): number => caches.get(store)?.size ?? 0;

/** The cache key: the caller's scope and everything the resolved request asks (agent codes and queues included). */
export function reportCacheKey(scope: Scope, r: ResolvedKpiReport): string {
  return JSON.stringify([scope, r.tz, r.hideUnknownCodes, r.query]);
}

/** Whether a report ending at `to` is of a finished period at `now` (see REPORT_SETTLE_MS). */
export function isFinishedPeriod(to: number | undefined, now: number, centerZone: string | null): boolean {
  return to !== undefined && to <= localDayStart(now - REPORT_SETTLE_MS, tzOffsetFn(centerZone ?? 'UTC'));
}

/** Weak: the same answer goes out as text, br or gzip under one tag. */
export const etagOf = (json: string): string => `W/"${createHash('sha1').update(json).digest('base64url')}"`;

/** How an answer is computed: here (default), or elsewhere (a worker thread) from the same plain request. */
export type ComputeReport = (r: ResolvedKpiReport) => Promise<string>;

/**
 * The KPI report the actor may read, as JSON text with its ETag: from the cache for a finished period
 * whose stamp is unchanged, else computed (and kept when the period is finished).
 */
export async function kpiReportAnswer(deps: ServiceDeps, actor: Actor, q: KpiReportInput, compute?: ComputeReport): Promise<ReportBody> {
  const { store } = deps;
  // the stamp is read before the report's rows: a change committed after this read leaves a stale stamp on the entry
  const { stamp, timezone } = await reportStampOf(store.db, actor.scope.centerId);
  const r = await resolveKpiReport(deps, actor, q, '', timezone);
  const answer = (cacheable: boolean, json: string): ReportBody => ({ json, etag: etagOf(json), cacheable, hit: false, encoded: new Map() });
  const run = compute ?? (async (x: ResolvedKpiReport) => JSON.stringify(await runKpiReport(store.db, x)));
  if (uncached.has(store) || !isFinishedPeriod(r.query.to, deps.now(), timezone)) return answer(false, await run(r));

  const cache = cacheOf(store);
  const key = reportCacheKey(actor.scope, r);
  const hit = cache.get(key, stamp);
  if (hit) return { ...hit, hit: true };
  const flight = `${stamp}\n${key}`;
  let p = cache.inflight.get(flight);
  if (!p) {
    p = run(r).then((json) => {
      const body = answer(true, json);
      cache.set(key, stamp, body);
      return body;
    });
    cache.inflight.set(flight, p);
    void p.then(
      () => cache.inflight.delete(flight),
      () => cache.inflight.delete(flight),
    );
  }
  return p;
}
