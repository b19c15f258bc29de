/**
 * Live floor, ingest and reporting half: the event sink (store + aggregates), the CTI push
 * (POST /api/events and the WebSocket message `events`), file upload import, and KPI reports.
 */
import { EVENT_PUSH_ROLES, IMPORT_ROLES, liveIngest as api } from '../../contract/liveIngest';
import { validateEvent, type CallFloorEvent } from '../../core/events';
import { maxStateMs, timeWindow, tsProblem, type TimeWindow } from '../../core/live/eventWindow';
import { forbidden, validationError } from '../../core/errors';
import { IMPORT_FORMATS, isImportFormat } from '../../ingest/import';
import { importStream } from '../../ingest/stream';
import { parseTz } from '../../ingest/time';
import { flushAgentStates, loadEventWindow, storeEvents } from '../../store/live/ingest';
import { defaultSurveyScale, resolveSurveys } from '../../store/surveys';
import { monthlyAnalysis } from '../../services/live/analysis';
import { kpiReportAnswer } from '../../services/live/reportCache';
import { sendCachedJson } from '../cachedJson';
import { REPORT_POOL, type ReportPool } from '../reportPool';
import { checkAgainst } from '../contractCheck';
import type { ServerContext } from '../context';
import type { Capability } from '../capability';
import { acceptEvents, followAccepted, type EventSink } from '../eventFeed';
import type { SocketMessageHandler } from '../live';
import { actorOf, centerOf, depsOf, implement, requestStream, type Caller, type RouteDef } from '../route';
import { importJobView, startImportJob } from '../importJobs';
import { uploadChunks } from '../uploadStream';
import { importInThread, liveFloorFrom, sharedSqliteFile } from '../importWorker';

/** The sink: every event into a running server is stored (idempotently) and aggregated here. */
const storeSink: EventSink = async (ctx, events, centerId) => storeEvents(ctx.store, events, { centerId, now: ctx.now() });

export { EVENT_PUSH_ROLES, IMPORT_ROLES };
export const MAX_PUSH_EVENTS = 10_000;

/** The event id for a message: the event's own when it has one, else its place in the batch. */
const idOf = (x: unknown, i: number) => {
  const id = x && typeof x === 'object' ? (x as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id ? id : `#${i}`;
};

/**
 * Validate a pushed batch as a whole: any bad event rejects the batch, naming its index and field.
 * With a time window (the center's `live.eventWindow` at the server clock), an event whose `ts` is
 * outside it is refused with its id and a reason (`event.tsUnit`, `event.tsInFuture`,
 * `event.tsBeforeHistory`), before anything is stored. Other bad fields carry the reason code where
 * there is one.
 */
export function validateBatch(body: unknown, window?: TimeWindow): CallFloorEvent[] {
  const list = Array.isArray(body) ? body : (body as { events?: unknown })?.events;
  if (!Array.isArray(list))
    throw validationError('events', 'expected an array of events (or { "events": [...] })', { reason: 'live.eventsNotArray', params: {} });
  if (list.length > MAX_PUSH_EVENTS)
    throw validationError('events', `at most ${MAX_PUSH_EVENTS} events per batch, got ${list.length}`, {
      reason: 'input.tooBigCount',
      params: { maximum: MAX_PUSH_EVENTS, count: list.length },
    });
  const out: CallFloorEvent[] = [];
  list.forEach((x, i) => {
    const ts = x && typeof x === 'object' ? (x as { ts?: unknown }).ts : undefined;
    if (window && typeof ts === 'number') {
      const p = tsProblem(ts, window);
      if (p) {
        const id = idOf(x, i);
        const field = `events.${i}.ts`;
        throw validationError(field, `event '${id}': ${p.message}`, { reason: p.reason, params: { ...p.params, id, index: i, field } });
      }
    }
    const v = validateEvent(x);
    // field: the event (as always); the reason's params name the exact field
    if (!v.ok)
      throw validationError(`events.${i}`, v.error, {
        reason: v.reason ?? 'input.invalid',
        params: { ...v.params, field: v.field ? `events.${i}.${v.field}` : `events.${i}` },
      });
    out.push(v.event);
  });
  return out;
}

/** Survey answers of a pushed batch must name a known agent / call (the batch's own call events count): else the batch is refused, naming the event. */
async function checkSurveys(ctx: ServerContext, centerId: number, events: CallFloorEvent[]) {
  const surveys = events.filter((e) => e.type === 'survey');
  if (!surveys.length) return;
  const { rejected } = await resolveSurveys(ctx.store.db, centerId, surveys, events);
  const bad = rejected[0];
  if (!bad) return;
  const i = events.findIndex((e) => e.id === bad.id);
  const field = `events.${i}.${bad.field}`;
  throw validationError(field, bad.message.replace(/^\w+: /, ''), { reason: bad.reason, params: { ...bad.params, field } });
}

/** A pushed batch belongs to the center of the user who pushed it (the door it came through). */
async function push(ctx: ServerContext, caller: Caller, body: unknown) {
  const centerId = centerOf(caller);
  const events = validateBatch(body, timeWindow(await loadEventWindow(ctx.store, centerId), ctx.now()));
  await checkSurveys(ctx, centerId, events);
  const r = await acceptEvents(ctx, events, centerId);
  return { received: events.length, accepted: r.accepted.length, duplicates: r.duplicates, ...(r.rejected?.length ? { rejected: r.rejected } : {}) };
}

/** The socket message `events`: a CTI client's push over the live socket, the same rules as POST /api/events. */
export const pushEventsMessage: SocketMessageHandler = async (ctx, caller, msg) => {
  if (!caller.roles.some((r) => EVENT_PUSH_ROLES.includes(r)))
    throw forbidden(`pushing events requires one of: ${EVENT_PUSH_ROLES.join(', ')}`, { reason: 'live.pushNotAllowed' });
  return push(ctx, caller, msg);
};

/**
 * Lines parsed and stored at a time when the import runs on the main thread (PostgreSQL, an in-memory
 * SQLite database), with a yield between. An import into a SQLite file runs in a worker thread instead
 * (importWorker.ts): SQLite's driver is synchronous, so a store there held every other request for its
 * duration (/api/health p99 1.4 s during an upload, bench/import.ts), and smaller batches measured worse.
 */
export const API_IMPORT_BATCH_LINES = 2_000;

export const liveIngestRoutes: RouteDef[] = [
  implement(api.pushEvents, async ({ ctx, body, caller }) => push(ctx, caller, body), { bodyLimit: 16 * 1024 * 1024 }),
  implement(
    api.importFile,
    async ({ ctx, query, req, caller }) => {
      const format = query.format === 'auto' ? 'auto' : isImportFormat(query.format) ? query.format : null;
      if (!format)
        throw validationError('format', `expected one of ${IMPORT_FORMATS.join(', ')} or auto, got '${query.format}'`, {
          reason: 'import.unknownFormatName',
          params: { field: 'format', value: query.format.slice(0, 40) },
        });
      const tz = parseTz(query.tz);
      const centerId = centerOf(caller);
      const settings = await loadEventWindow(ctx.store, centerId);
      const window = timeWindow(settings, ctx.now());
      const announced = Number(req.headers['content-length']);
      const totalBytes = Number.isFinite(announced) && announced > 0 ? announced : undefined;
      const job = query.job ? startImportJob(ctx, caller.userId, query.job, totalBytes ?? null) : null;
      try {
        const file = uploadChunks(requestStream(req) as AsyncIterable<Buffer>, req.headers['content-type']);
        const shared = ctx.composition.eventSink === storeSink ? sharedSqliteFile(ctx.store) : null;
        const report = shared
          ? await importInThread(file, {
              file: shared,
              format,
              centerId,
              tz,
              window,
              totalBytes,
              onProgress: job?.update,
              writing: ctx.store.writing,
              liveFrom: liveFloorFrom(ctx.now(), maxStateMs(settings)),
              onStored: (b, liveFrom) => followAccepted(ctx, b.events, b.centerId, { after: b.after, last: b.last, liveFrom }),
            })
          : await importStream(
              format,
              file,
              {
                async store(events) {
                  const r = await acceptEvents(ctx, events, centerId);
                  return { accepted: r.accepted.length, duplicates: r.duplicates, rejected: r.rejected };
                },
                finish: (ts) => flushAgentStates(ctx.store, ts, centerId),
              },
              {
                tz,
                window,
                totalBytes,
                batchLines: API_IMPORT_BATCH_LINES,
                onProgress: job?.update,
                optionsFor: async (f) => (f === 'survey-csv' ? { surveyScale: await defaultSurveyScale(ctx.store.db, centerId) } : {}),
              },
            );
        job?.end('done');
        return report;
      } catch (err) {
        job?.end('failed');
        throw err;
      }
    },
    { streamBody: true },
  ),
  implement(api.importProgress, async ({ ctx, params, caller }) => importJobView(ctx, caller.userId, params.job)),
  implement(api.kpiReport, async ({ ctx, query, caller, req, reply }) => {
    // a finished period's answer is kept as its JSON text and sent with an ETag (src/services/live/reportCache.ts)
    // one not in the cache is computed in a report thread when the server runs them (serve --report-threads)
    const pool = ctx.services[REPORT_POOL] as ReportPool | undefined;
    const body = await kpiReportAnswer(
      depsOf(ctx),
      actorOf(caller),
      { ...query, intervalMin: query.interval ? (Number(query.interval) as 15 | 30 | 60) : undefined },
      pool ? (r) => pool.run(r) : undefined,
    );
    if (ctx.validateResponses && !body.hit) checkAgainst(api.kpiReport.response, JSON.parse(body.json), 'answer of GET /api/reports/kpi');
    return sendCachedJson(req, reply, body);
  }),
  implement(api.monthlyAnalysis, async ({ ctx, query, caller }) => monthlyAnalysis(depsOf(ctx), actorOf(caller), query.month)),
];

/** Ingest: the event sink every accepted event goes through, the CTI push (HTTP and socket), file import, KPI reports. */
export const liveIngestCapability: Capability = {
  name: 'liveIngest',
  routes: liveIngestRoutes,
  eventSink: storeSink,
  socketHandlers: { events: pushEventsMessage },
};
