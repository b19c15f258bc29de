/**
 * KPI reports from the stored aggregates: SQL sums the rows of the period per group, the rest
 * (local days, months, 30/60-minute intervals, teams) is summed here, and the ratios come from
 * core's deriveKpis. A missing figure is null, never 0.
 *
 * Where rows come from: whole local days of the period from the daily rollups (`live_day_*`, days in
 * `live_meta.rollup_tz:<centerId>`), the part of the period before the first / after the last whole day from
 * the 15-minute rows. By interval (and the WFM history) always reads the 15-minute rows; by day and
 * by month read the rollups only when asked in the rollups' zone (else days would not match).
 * Every report is of one center (its rows only, its agents and teams only).
 */
import { CompiledQuery, type Kysely } from 'kysely';
import {
  deriveKpis,
  emptyMeasures,
  intervalStart as localIntervalStart,
  localDay,
  localDayStart,
  nextLocalDayStart,
  type Measures,
  type TzOffset,
  weekOfDay,
} from '../../core/kpi';
import { rollupTzKey, rollupTzOffset } from './ingest';
import { inScope, resolveCenterId, type Scope } from '../scope';
import type { DB } from '../schema';
import type { Dialect } from '../db';

import { REPORT_BYS, REPORT_PERS, type ReportBy, type ReportPer } from '../../core/live/names';
export { REPORT_BYS, REPORT_PERS, type ReportBy, type ReportPer };

export interface KpiReportQuery {
  by: ReportBy;
  /** the center reported on (the caller's); unset: the only center of the database (several: an error) */
  centerId?: number;
  /** epoch ms, inclusive; default: everything */
  from?: number;
  /** epoch ms, exclusive */
  to?: number;
  intervalMin?: 15 | 30 | 60;
  queue?: string;
  /**
   * With by queue, team or agent: one row per group per period (interval of `intervalMin`, local day,
   * week or month) instead of one per group for the whole report.
   */
  per?: ReportPer;
  /** local time for intervals, days and months (default: from `tz`, else UTC) */
  tzOffsetMin?: TzOffset;
  /**
   * The zone by name ('Asia/Shanghai', 'UTC') or minutes east of UTC. Sets tzOffsetMin when that is
   * not given; day and month reports in the daily rollups' zone read the rollups.
   */
  tz?: string | number;
  /** limit to these agent codes (scoped callers); queue-side figures are then left out (null) */
  agentCodes?: string[] | null;
  /** limit the queue side to these queues (a team lead's: `servedQueues`); unset or null: every queue */
  queues?: readonly string[] | null;
}

type N = number | null;
export interface KpiReportRow {
  key: string;
  intervalStart?: number;
  day?: string;
  /** by week: the local date of the week's Monday */
  week?: string;
  month?: string;
  queue?: string;
  agentCode?: string;
  agentId?: number | null;
  agentName?: string | null;
  teamId?: number | null;
  teamName?: string | null;
  offered: N;
  answered: N;
  abandoned: N;
  shortAbandoned: N;
  timedOut: N;
  handled: N;
  transferred: N;
  answerRate: N;
  serviceLevel: N;
  asa: N;
  aht: N;
  talk: N;
  hold: N;
  acw: N;
  ring: N;
  staffed: N;
  idle: N;
  notReady: N;
  notReadyByReason: Record<string, number> | null;
  occupancy: N;
  notReadyShare: N;
  idleShare: N;
  transferRate: N;
}

export interface KpiReport {
  by: ReportBy;
  from: number | null;
  to: number | null;
  intervalMin: number;
  rows: KpiReportRow[];
  total: KpiReportRow;
  /** telephony agent codes in the period with no platform agent (agents.ext_code) */
  unknownAgentCodes: string[];
}

const COLS: [string, keyof Measures][] = [
  ['offered', 'offered'],
  ['answered', 'answered'],
  ['abandoned', 'abandoned'],
  ['short_abandoned', 'shortAbandoned'],
  ['timed_out', 'timedOut'],
  ['answered_within_sl', 'answeredWithinSl'],
  ['handled', 'handled'],
  ['transferred', 'transferred'],
  ['not_ready_count', 'notReadyCount'],
  ['wait_answered', 'waitAnswered'],
  ['wait_abandoned', 'waitAbandoned'],
  ['talk', 'talk'],
  ['hold', 'hold'],
  ['acw', 'acw'],
  ['ring', 'ring'],
  ['staffed', 'staffed'],
  ['idle', 'idle'],
  ['not_ready', 'notReady'],
];
const SUMS = COLS.map(([c]) => `sum(${c}) as ${c}`).join(', ');

interface Filter {
  centerId: number;
  from?: number;
  to?: number;
  queue?: string;
  codes?: string[] | null;
  /** queue side only: these queues (none: nothing) */
  queues?: readonly string[] | null;
}

function where(dialect: Dialect, f: Filter, codeCol: string | null, timeCol = 'interval_start'): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = () => (dialect === 'postgres' ? `$${params.length}` : '?');
  params.push(f.centerId);
  parts.push(`center_id = ${p()}`);
  if (f.from !== undefined) {
    params.push(f.from);
    parts.push(`${timeCol} >= ${p()}`);
  }
  if (f.to !== undefined) {
    params.push(f.to);
    parts.push(`${timeCol} < ${p()}`);
  }
  if (f.queue !== undefined && codeCol === null) {
    params.push(f.queue);
    parts.push(`queue = ${p()}`);
  }
  if (f.queues && codeCol === null) {
    if (!f.queues.length) parts.push('1 = 0');
    else
      parts.push(
        `queue in (${f.queues
          .map((q) => {
            params.push(q);
            return p();
          })
          .join(',')})`,
      );
  }
  if (f.codes && codeCol) {
    if (!f.codes.length) parts.push('1 = 0');
    else
      parts.push(
        `${codeCol} in (${f.codes
          .map((c) => {
            params.push(c);
            return p();
          })
          .join(',')})`,
      );
  }
  return { sql: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

function toMeasures(r: Record<string, unknown>): Measures {
  const m = emptyMeasures();
  for (const [c, k] of COLS) (m as any)[k] = Number(r[c] ?? 0);
  return m;
}

/** Which stored rows: the 15-minute ones or the daily rollups (their time column is the day's start). */
type Grain = 'interval' | 'day';
const TABLES = {
  interval: { queue: 'live_queue_intervals', agent: 'live_agent_intervals', reason: 'live_agent_reasons', time: 'interval_start' },
  day: { queue: 'live_day_queues', agent: 'live_day_agents', reason: 'live_day_agent_reasons', time: 'day_start' },
} as const;

/** Sums per group over one grain; group 'time' = the grain's time column. */
/** Group 'agent_time': per agent code and time; the row's `t` is the time. */
/** Group 'queue_time': per queue and time. */
type Group = 'time' | 'queue' | 'agent_code' | 'agent_time' | 'queue_time' | null;
function groupCols(group: Group, timeCol: string): { sel: string; by: string | null } {
  if (group === null) return { sel: '', by: null };
  if (group === 'agent_time') return { sel: `agent_code as k, ${timeCol} as t, `, by: `agent_code, ${timeCol}` };
  if (group === 'queue_time') return { sel: `queue as k, ${timeCol} as t, `, by: `queue, ${timeCol}` };
  const col = group === 'time' ? timeCol : group;
  return { sel: `${col} as k, `, by: col };
}

/** Sums per group over one grain; group 'time' = the grain's time column. */
async function sums(db: Kysely<DB>, dialect: Dialect, grain: Grain, side: 'queue' | 'agent', group: Group, f: Filter) {
  const t = TABLES[grain];
  const table = t[side];
  const g = groupCols(group, t.time);
  const w = where(dialect, f, side === 'agent' ? 'agent_code' : null, t.time);
  const q = `select ${g.sel}${SUMS}, count(*) as n from ${table} ${w.sql}${g.by ? ` group by ${g.by}` : ''}`;
  const res = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(q, w.params));
  return res.rows.filter((r) => Number(r.n) > 0).map((r) => ({ k: r.k as string | number, t: Number(r.t ?? 0), m: toMeasures(r) }));
}

async function reasonSums(db: Kysely<DB>, dialect: Dialect, grain: Grain, group: Exclude<Group, 'queue' | 'queue_time'>, f: Filter) {
  const t = TABLES[grain];
  const g = groupCols(group, t.time);
  const w = where(dialect, f, 'agent_code', t.time);
  const q = `select ${g.sel}reason, sum(seconds) as s from ${t.reason} ${w.sql} group by ${g.by ? `${g.by}, ` : ''}reason`;
  const res = await db.executeQuery<{ k?: string | number; t?: number; reason: string; s: number }>(CompiledQuery.raw(q, w.params));
  return res.rows.map((r) => ({ k: r.k ?? '', t: Number(r.t ?? 0), reason: r.reason, s: Number(r.s) }));
}

// ---- which rows answer a period -------------------------------------------------------------

const normTz = (tz: string | number | undefined): string => {
  if (tz === undefined) return 'UTC';
  const s = String(tz);
  if (/^[+-]?\d+$/.test(s)) return Number(s) === 0 ? 'UTC' : String(Number(s));
  return s === 'Etc/UTC' ? 'UTC' : s;
};

/** The zone the daily rollups are kept in, or null when there are none yet. */
export async function rollupZone(db: Kysely<DB>, centerId?: number): Promise<string | null> {
  const id = centerId ?? (await resolveCenterId(db));
  const r = await db.selectFrom('live_meta').select('value').where('key', '=', rollupTzKey(id)).executeTakeFirst();
  return r?.value ?? null;
}

/** A period cut into whole rollup days and the 15-minute rows before and after them. */
export interface PeriodPlan {
  /** whole days [from, to) of the rollups (bounds undefined = open), or null: no whole day */
  days: Filter | null;
  /** the rest, from the 15-minute rows */
  parts: Filter[];
}

export function planPeriod(
  from: number | undefined,
  to: number | undefined,
  rollupTz: string | null,
): { days: Omit<Filter, 'centerId'> | null; parts: Omit<Filter, 'centerId'>[] } {
  if (rollupTz === null) return { days: null, parts: [{ from, to }] };
  const tz = rollupTzOffset(rollupTz);
  let d0: number | undefined;
  if (from !== undefined) {
    const s = localDayStart(from, tz);
    d0 = s === from ? s : nextLocalDayStart(s, tz);
  }
  const d1 = to === undefined ? undefined : localDayStart(to, tz);
  if (d0 !== undefined && d1 !== undefined && d0 >= d1) return { days: null, parts: [{ from, to }] };
  const parts: Omit<Filter, 'centerId'>[] = [];
  if (from !== undefined && d0! > from) parts.push({ from, to: d0 });
  if (to !== undefined && to > d1!) parts.push({ from: d1, to });
  return { days: { from: d0, to: d1 }, parts };
}

/** One report row from the queue-side and agent-side sums (either may be missing → nulls). */
export function reportRow(key: string, q: Measures | null, a: Measures | null, reasons: Record<string, number> | null): KpiReportRow {
  const qk = q ? deriveKpis(q) : null;
  const ak = a ? deriveKpis(a) : null;
  const calls = q ?? a; // handled, transferred, talk… come from the queue side when there is one
  const ck = qk ?? ak;
  return {
    key,
    offered: q ? q.offered : null,
    answered: q ? q.answered : null,
    abandoned: q ? q.abandoned : null,
    shortAbandoned: q ? q.shortAbandoned : null,
    timedOut: q ? q.timedOut : null,
    handled: calls ? calls.handled : null,
    transferred: calls ? calls.transferred : null,
    answerRate: qk ? qk.answerRate : null,
    serviceLevel: qk ? qk.serviceLevel : null,
    asa: qk ? qk.asa : null,
    aht: ck ? ck.aht : null,
    talk: calls ? calls.talk : null,
    hold: calls ? calls.hold : null,
    acw: calls ? calls.acw : null,
    ring: calls ? calls.ring : null,
    staffed: a ? a.staffed : null,
    idle: a ? a.idle : null,
    notReady: a ? a.notReady : null,
    notReadyByReason: a ? (reasons ?? {}) : null,
    occupancy: ak ? ak.occupancy : null,
    notReadyShare: ak ? ak.notReadyShare : null,
    idleShare: ak ? ak.idleShare : null,
    transferRate: ck ? ck.transferRate : null,
  };
}

function addInto(map: Map<string, Measures>, k: string, m: Measures) {
  const t = map.get(k);
  if (!t) map.set(k, { ...m, notReadyByReason: {} });
  else for (const [, f] of COLS) (t as any)[f] += (m as any)[f];
}

interface AgentInfo {
  code: string;
  id: number;
  name: string;
  teamId: number | null;
}

async function agentDirectory(db: Kysely<DB>, centerId: number): Promise<{ byCode: Map<string, AgentInfo>; teams: Map<number, string> }> {
  const agents = await db
    .selectFrom('agents')
    .select(['id', 'name', 'team_id', 'ext_code'])
    .where('ext_code', 'is not', null)
    .where('center_id', '=', centerId)
    .execute();
  const teams = await db.selectFrom('teams').select(['id', 'name']).where('center_id', '=', centerId).execute();
  return {
    byCode: new Map(agents.map((a) => [a.ext_code!, { code: a.ext_code!, id: a.id, name: a.name, teamId: a.team_id }])),
    teams: new Map(teams.map((t) => [t.id, t.name])),
  };
}

function dialectOf(db: Kysely<DB>): Dialect {
  const name = (db.getExecutor().adapter.constructor.name ?? '').toLowerCase();
  return name.includes('postgres') ? 'postgres' : 'sqlite';
}

/** The KPI report: rows per interval / day / month / queue / agent / team, plus a total. */
export async function kpiReport(db: Kysely<DB>, query: KpiReportQuery): Promise<KpiReport> {
  const dialect = dialectOf(db);
  const { by } = query;
  const tz: TzOffset | undefined = query.tzOffsetMin ?? (query.tz === undefined ? undefined : rollupTzOffset(normTz(query.tz)));
  const intervalMin = query.intervalMin ?? 15;
  const centerId = await resolveCenterId(db, query.centerId);
  const f: Filter = { centerId, from: query.from, to: query.to, queue: query.queue, codes: query.agentCodes ?? null, queues: query.queues ?? null };
  const scoped = Array.isArray(query.agentCodes);
  const withQueueSide = !scoped && by !== 'agent' && by !== 'team' && by !== 'agent-interval';
  // the agent side has no queue: left out when a queue is asked for, and in per-queue rows
  const withAgentSide = by !== 'queue' && query.queue === undefined;
  const dir = await agentDirectory(db, centerId);
  // queue / team / agent rows split per period when asked; a time grouping is its own period
  const per = by === 'queue' || by === 'team' || by === 'agent' ? query.per : undefined;
  const timeGrain = by === 'agent-interval' ? 'interval' : (per ?? by);
  const groupOfTime = (ts: number): string =>
    timeGrain === 'interval'
      ? String(localIntervalStart(ts, intervalMin, tz))
      : timeGrain === 'day'
        ? localDay(ts, tz)
        : timeGrain === 'week'
          ? weekOfDay(localDay(ts, tz))
          : localDay(ts, tz).slice(0, 7);

  // whole days from the rollups where they give the same answer, the rest from 15-minute rows
  const zone = timeGrain === 'interval' ? null : await rollupZone(db, centerId);
  // the report's zone by name: given, or a fixed offset; an offset function alone names no zone
  const reportZone = query.tz !== undefined ? normTz(query.tz) : typeof query.tzOffsetMin === 'function' ? null : normTz(query.tzOffsetMin);
  const sameZone = zone !== null && reportZone === normTz(zone);
  const usable = zone !== null && (((by === 'queue' || by === 'agent' || by === 'team') && !per) || sameZone) ? zone : null;
  const plan = planPeriod(f.from, f.to, usable);
  const pieces: { grain: Grain; f: Filter }[] = [
    ...(plan.days ? [{ grain: 'day' as const, f: { ...f, ...plan.days } }] : []),
    ...plan.parts.map((p) => ({ grain: 'interval' as const, f: { ...f, ...p } })),
  ];

  const qMap = new Map<string, Measures>();
  const aMap = new Map<string, Measures>();
  const rMap = new Map<string, Record<string, number>>();
  const addReason = (k: string, reason: string, s: number) => {
    const r = rMap.get(k) ?? {};
    r[reason] = (r[reason] ?? 0) + s;
    rMap.set(k, r);
  };
  const keyOfAgent = (code: string) => (by === 'team' ? String(dir.byCode.get(code)?.teamId ?? '') : code);

  for (const { grain, f: pf } of pieces) {
    if (by === 'interval' || by === 'day' || by === 'week' || by === 'month') {
      // a rollup day's start is in the report's zone here, so it names the same day and month
      if (withQueueSide) for (const r of await sums(db, dialect, grain, 'queue', 'time', pf)) addInto(qMap, groupOfTime(Number(r.k)), r.m);
      if (withAgentSide) {
        for (const r of await sums(db, dialect, grain, 'agent', 'time', pf)) addInto(aMap, groupOfTime(Number(r.k)), r.m);
        for (const r of await reasonSums(db, dialect, grain, 'time', pf)) addReason(groupOfTime(Number(r.k)), r.reason, r.s);
      }
    } else if (by === 'agent-interval') {
      // one row per agent per local interval (15/30/60 min) from the 15-minute rows
      for (const r of await sums(db, dialect, grain, 'agent', 'agent_time', pf)) addInto(aMap, `${r.k}|${groupOfTime(r.t)}`, r.m);
      for (const r of await reasonSums(db, dialect, grain, 'agent_time', pf)) addReason(`${r.k}|${groupOfTime(r.t)}`, r.reason, r.s);
    } else if (by === 'queue') {
      if (!scoped)
        for (const r of await sums(db, dialect, grain, 'queue', per ? 'queue_time' : 'queue', pf))
          addInto(qMap, per ? `${r.k}|${groupOfTime(r.t)}` : String(r.k), r.m);
    } else {
      const key = (r: { k: string | number; t: number }) => (per ? `${keyOfAgent(String(r.k))}|${groupOfTime(r.t)}` : keyOfAgent(String(r.k)));
      for (const r of await sums(db, dialect, grain, 'agent', per ? 'agent_time' : 'agent_code', pf)) addInto(aMap, key(r), r.m);
      for (const r of await reasonSums(db, dialect, grain, per ? 'agent_time' : 'agent_code', pf)) addReason(key(r), r.reason, r.s);
    }
  }

  const keys = [...new Set([...qMap.keys(), ...aMap.keys()])];
  const splitAI = (k: string) => {
    const i = k.lastIndexOf('|');
    return { code: k.slice(0, i), start: Number(k.slice(i + 1)), period: k.slice(i + 1) };
  };
  if (by === 'interval') keys.sort((a, b) => Number(a) - Number(b));
  else if (by === 'agent-interval' || per)
    keys.sort((a, b) => {
      const x = splitAI(a);
      const y = splitAI(b);
      // per day / week / month the period is a date text (start NaN): it sorts as text
      const byTime = Number.isNaN(x.start) ? (x.period < y.period ? -1 : x.period > y.period ? 1 : 0) : x.start - y.start;
      return x.code < y.code ? -1 : x.code > y.code ? 1 : byTime;
    });
  else keys.sort();
  const rows = keys.map((key) => {
    const k = per ? splitAI(key).code : key;
    const row = reportRow(
      k,
      withQueueSide ? (qMap.get(key) ?? emptyMeasures()) : null,
      withAgentSide ? (aMap.get(key) ?? emptyMeasures()) : null,
      rMap.get(key) ?? null,
    );
    if (by === 'interval') {
      row.intervalStart = Number(k);
      row.key = new Date(Number(k)).toISOString();
    } else if (by === 'day') row.day = k;
    else if (by === 'week') row.week = k;
    else if (by === 'month') row.month = k;
    else if (by === 'queue') row.queue = k;
    else if (by === 'agent' || by === 'agent-interval') {
      const { code, start } = by === 'agent' ? { code: k, start: 0 } : splitAI(k);
      const a = dir.byCode.get(code);
      row.agentCode = code;
      if (by === 'agent-interval') {
        row.intervalStart = start;
        row.key = `${code} ${new Date(start).toISOString()}`;
      }
      row.agentId = a?.id ?? null;
      row.agentName = a?.name ?? null;
      row.teamId = a?.teamId ?? null;
      row.teamName = a?.teamId != null ? (dir.teams.get(a.teamId) ?? null) : null;
    } else {
      row.teamId = k === '' ? null : Number(k);
      row.teamName = k === '' ? null : (dir.teams.get(Number(k)) ?? null);
      row.key = row.teamName ?? '(unmapped)';
    }
    if (per) {
      const p = splitAI(key).period;
      if (per === 'interval') row.intervalStart = Number(p);
      else row[per] = p;
      row.key = `${row.key} ${per === 'interval' ? new Date(Number(p)).toISOString() : p}`;
    }
    return row;
  });

  // total over the period (same sides as the rows)
  const tq = withQueueSide ? sumOf(qMap.values()) : null;
  const ta = withAgentSide ? sumOf(aMap.values()) : null;
  const tr: Record<string, number> = {};
  for (const r of rMap.values()) for (const [k, v] of Object.entries(r)) tr[k] = (tr[k] ?? 0) + v;
  const total = reportRow('total', tq, ta, tr);

  // codes seen in the period that map to no platform agent
  const seen = new Set<string>();
  if (by === 'agent') for (const k of aMap.keys()) seen.add(per ? splitAI(k).code : k);
  else if (by === 'agent-interval') for (const k of aMap.keys()) seen.add(splitAI(k).code);
  else
    for (const { grain, f: pf } of pieces) {
      const w = where(dialect, { centerId, from: pf.from, to: pf.to, codes: pf.codes }, 'agent_code', TABLES[grain].time);
      const res = await db.executeQuery<{ agent_code: string }>(CompiledQuery.raw(`select distinct agent_code from ${TABLES[grain].agent} ${w.sql}`, w.params));
      for (const r of res.rows) seen.add(String(r.agent_code));
    }
  const unknownAgentCodes = [...seen].filter((c) => !dir.byCode.has(c)).sort();
  return {
    by,
    from: query.from ?? null,
    to: query.to ?? null,
    intervalMin: by === 'interval' || by === 'agent-interval' ? intervalMin : 15,
    rows,
    total,
    unknownAgentCodes,
  };
}

/**
 * The raw queue-side measures of a period per queue (counts and seconds, not ratios): the sums behind
 * the KPI report's rows by queue (GET /api/reports/kpi?by=queue), so that several queues add up as a
 * plain sum (answered within the threshold, the answered calls' wait) and their ratios come from
 * deriveKpis over the sum. `queues`: only these (all when unset).
 */
export async function queueMeasures(
  db: Kysely<DB>,
  query: { centerId?: number; from?: number; to?: number; queues?: readonly string[] },
): Promise<Map<string, Measures>> {
  const dialect = dialectOf(db);
  const centerId = await resolveCenterId(db, query.centerId);
  const f: Filter = { centerId, from: query.from, to: query.to, codes: null };
  // per queue the rollups' days serve whatever the zone (as in kpiReport by queue)
  const plan = planPeriod(f.from, f.to, await rollupZone(db, centerId));
  const pieces: { grain: Grain; f: Filter }[] = [
    ...(plan.days ? [{ grain: 'day' as const, f: { ...f, ...plan.days } }] : []),
    ...plan.parts.map((p) => ({ grain: 'interval' as const, f: { ...f, ...p } })),
  ];
  const wanted = query.queues ? new Set(query.queues) : null;
  const out = new Map<string, Measures>();
  for (const { grain, f: pf } of pieces)
    for (const r of await sums(db, dialect, grain, 'queue', 'queue', pf)) if (!wanted || wanted.has(String(r.k))) addInto(out, String(r.k), r.m);
  return out;
}

function sumOf(ms: Iterable<Measures>): Measures {
  const t = emptyMeasures();
  for (const m of ms) for (const [, f] of COLS) (t as any)[f] += (m as any)[f];
  return t;
}

export interface QueueInterval {
  intervalStart: number;
  offered: number;
  answered: number;
  abandoned: number;
  handled: number;
  /** talk + hold + acw of the calls that entered in the interval's period, seconds */
  handleTime: number;
  /** (talk + hold + acw) / handled; null when nothing was handled */
  aht: number | null;
}

/**
 * History for the WFM forecast: per local interval (15/30/60 min), offered / answered / abandoned
 * (short abandons included) and aht, from one center's stored queue aggregates (the caller's: two
 * centers may name a queue alike), for one queue or all.
 * Intervals with no row are left out (no calls and no handling recorded).
 */
export async function queueIntervals(
  db: Kysely<DB>,
  q: { centerId: number; from: number; to: number; queue?: string; intervalMin: 15 | 30 | 60; tzOffsetMin?: TzOffset },
): Promise<QueueInterval[]> {
  const rows = await sums(db, dialectOf(db), 'interval', 'queue', 'time', { centerId: q.centerId, from: q.from, to: q.to, queue: q.queue });
  const map = new Map<number, Measures>();
  for (const r of rows) {
    const k = localIntervalStart(Number(r.k), q.intervalMin, q.tzOffsetMin);
    const t = map.get(k);
    if (!t) map.set(k, r.m);
    else for (const [, f] of COLS) (t as any)[f] += (r.m as any)[f];
  }
  return [...map]
    .sort((a, b) => a[0] - b[0])
    .map(([intervalStart, m]) => ({
      intervalStart,
      offered: m.offered,
      answered: m.answered,
      abandoned: m.abandoned + m.shortAbandoned,
      handled: m.handled,
      handleTime: m.talk + m.hold + m.acw,
      aht: m.handled > 0 ? (m.talk + m.hold + m.acw) / m.handled : null,
    }));
}

/** Agent codes (ext_code) of the agents in these teams, or of one agent. */
export async function agentCodesOf(db: Kysely<DB>, scope: Scope): Promise<string[]> {
  const rows = await db
    .selectFrom('agents')
    .select('ext_code')
    .where('ext_code', 'is not', null)
    .where(inScope(scope, { center: 'center_id', team: 'team_id', agent: 'id' }))
    .execute();
  return rows.map((r) => r.ext_code!);
}

/**
 * The queues the scope's active agents serve (`agent_queues`), sorted: the queues whose figures a team
 * lead sees (the briefing's queue lines, GET /api/reports/kpi?by=queue). A center-wide scope: every
 * queue some active agent of the center serves.
 */
export async function servedQueues(db: Kysely<DB>, scope: Scope): Promise<string[]> {
  const rows = await db
    .selectFrom('agent_queues as q')
    .innerJoin('agents as a', 'a.id', 'q.agent_id')
    .select('q.queue')
    .distinct()
    .where('a.status', '=', 'active')
    .where(inScope(scope, { center: 'a.center_id', team: 'a.team_id', agent: 'a.id' }))
    .execute();
  return rows.map((r) => r.queue).sort();
}
