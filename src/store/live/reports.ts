/**
 * KPI reports from the stored 15-minute aggregates: SQL sums the rows of the period per group
 * (interval, queue, agent code), the rest (local days, months, 30/60-minute intervals, teams)
 * is summed here, and the ratios come from core's deriveKpis. A missing figure is null, never 0.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { deriveKpis, emptyMeasures, intervalStart as localIntervalStart, localDay, type Measures, type TzOffset } from '../../core/kpi';
import type { DB } from '../schema';
import type { Dialect } from '../db';

export type ReportBy = 'interval' | 'day' | 'month' | 'queue' | 'agent' | 'team';
export const REPORT_BYS: readonly ReportBy[] = ['interval', 'day', 'month', 'queue', 'agent', 'team'];

export interface KpiReportQuery {
  by: ReportBy;
  /** epoch ms, inclusive; default: everything */
  from?: number;
  /** epoch ms, exclusive */
  to?: number;
  intervalMin?: 15 | 30 | 60;
  queue?: string;
  /** local time for intervals, days and months */
  tzOffsetMin?: TzOffset;
  /** limit to these agent codes (scoped callers); queue-side figures are then left out (null) */
  agentCodes?: string[] | null;
}

type N = number | null;
export interface KpiReportRow {
  key: string;
  intervalStart?: number;
  day?: string;
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
  ['offered', 'offered'], ['answered', 'answered'], ['abandoned', 'abandoned'], ['short_abandoned', 'shortAbandoned'],
  ['timed_out', 'timedOut'], ['answered_within_sl', 'answeredWithinSl'], ['handled', 'handled'], ['transferred', 'transferred'],
  ['not_ready_count', 'notReadyCount'], ['wait_answered', 'waitAnswered'], ['wait_abandoned', 'waitAbandoned'], ['talk', 'talk'],
  ['hold', 'hold'], ['acw', 'acw'], ['ring', 'ring'], ['staffed', 'staffed'], ['idle', 'idle'], ['not_ready', 'notReady'],
];
const SUMS = COLS.map(([c]) => `sum(${c}) as ${c}`).join(', ');

interface Filter {
  from?: number;
  to?: number;
  queue?: string;
  codes?: string[] | null;
}

function where(dialect: Dialect, f: Filter, codeCol: string | null): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = () => (dialect === 'postgres' ? `$${params.length}` : '?');
  if (f.from !== undefined) {
    params.push(f.from);
    parts.push(`interval_start >= ${p()}`);
  }
  if (f.to !== undefined) {
    params.push(f.to);
    parts.push(`interval_start < ${p()}`);
  }
  if (f.queue !== undefined && codeCol === null) {
    params.push(f.queue);
    parts.push(`queue = ${p()}`);
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

async function sums(db: Kysely<DB>, dialect: Dialect, table: 'live_queue_intervals' | 'live_agent_intervals', group: string | null, f: Filter) {
  const w = where(dialect, f, table === 'live_agent_intervals' ? 'agent_code' : null);
  const g = group ? `${group} as k, ` : '';
  const q = `select ${g}${SUMS}, count(*) as n from ${table} ${w.sql}${group ? ` group by ${group}` : ''}`;
  const res = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(q, w.params));
  return res.rows.filter((r) => Number(r.n) > 0).map((r) => ({ k: r.k as string | number, m: toMeasures(r) }));
}

async function reasonSums(db: Kysely<DB>, dialect: Dialect, group: string | null, f: Filter) {
  const w = where(dialect, f, 'agent_code');
  const g = group ? `${group} as k, ` : '';
  const q = `select ${g}reason, sum(seconds) as s from live_agent_reasons ${w.sql} group by ${group ? `${group}, ` : ''}reason`;
  const res = await db.executeQuery<{ k?: string | number; reason: string; s: number }>(CompiledQuery.raw(q, w.params));
  return res.rows.map((r) => ({ k: r.k ?? '', reason: r.reason, s: Number(r.s) }));
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

interface AgentInfo { code: string; id: number; name: string; teamId: number | null }

async function agentDirectory(db: Kysely<DB>): Promise<{ byCode: Map<string, AgentInfo>; teams: Map<number, string> }> {
  const agents = await db.selectFrom('agents').select(['id', 'name', 'team_id', 'ext_code']).where('ext_code', 'is not', null).execute();
  const teams = await db.selectFrom('teams').select(['id', 'name']).execute();
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
  const { by, tzOffsetMin: tz } = query;
  const intervalMin = query.intervalMin ?? 15;
  const f: Filter = { from: query.from, to: query.to, queue: query.queue, codes: query.agentCodes ?? null };
  const scoped = Array.isArray(query.agentCodes);
  const withQueueSide = !scoped && by !== 'agent' && by !== 'team';
  // the agent side has no queue: left out when a queue is asked for, and in per-queue rows
  const withAgentSide = by !== 'queue' && query.queue === undefined;
  const dir = await agentDirectory(db);
  const groupOfTime = (ts: number): string =>
    by === 'interval'
      ? String(localIntervalStart(ts, intervalMin, tz))
      : by === 'day'
        ? localDay(ts, tz)
        : localDay(ts, tz).slice(0, 7);

  const qMap = new Map<string, Measures>();
  const aMap = new Map<string, Measures>();
  const rMap = new Map<string, Record<string, number>>();
  const addReason = (k: string, reason: string, s: number) => {
    const r = rMap.get(k) ?? {};
    r[reason] = (r[reason] ?? 0) + s;
    rMap.set(k, r);
  };
  const keyOfAgent = (code: string) => (by === 'team' ? String(dir.byCode.get(code)?.teamId ?? '') : code);

  if (by === 'interval' || by === 'day' || by === 'month') {
    if (withQueueSide) for (const r of await sums(db, dialect, 'live_queue_intervals', 'interval_start', f)) addInto(qMap, groupOfTime(Number(r.k)), r.m);
    if (withAgentSide) {
      for (const r of await sums(db, dialect, 'live_agent_intervals', 'interval_start', f)) addInto(aMap, groupOfTime(Number(r.k)), r.m);
      for (const r of await reasonSums(db, dialect, 'interval_start', f)) addReason(groupOfTime(Number(r.k)), r.reason, r.s);
    }
  } else if (by === 'queue') {
    if (!scoped) for (const r of await sums(db, dialect, 'live_queue_intervals', 'queue', f)) addInto(qMap, String(r.k), r.m);
  } else {
    for (const r of await sums(db, dialect, 'live_agent_intervals', 'agent_code', f)) addInto(aMap, keyOfAgent(String(r.k)), r.m);
    for (const r of await reasonSums(db, dialect, 'agent_code', f)) addReason(keyOfAgent(String(r.k)), r.reason, r.s);
  }

  const keys = [...new Set([...qMap.keys(), ...aMap.keys()])];
  if (by === 'interval') keys.sort((a, b) => Number(a) - Number(b));
  else keys.sort();
  const rows = keys.map((k) => {
    const row = reportRow(k, withQueueSide ? (qMap.get(k) ?? emptyMeasures()) : null, withAgentSide ? (aMap.get(k) ?? emptyMeasures()) : null, rMap.get(k) ?? null);
    if (by === 'interval') {
      row.intervalStart = Number(k);
      row.key = new Date(Number(k)).toISOString();
    } else if (by === 'day') row.day = k;
    else if (by === 'month') row.month = k;
    else if (by === 'queue') row.queue = k;
    else if (by === 'agent') {
      const a = dir.byCode.get(k);
      row.agentCode = k;
      row.agentId = a?.id ?? null;
      row.agentName = a?.name ?? null;
      row.teamId = a?.teamId ?? null;
      row.teamName = a?.teamId != null ? (dir.teams.get(a.teamId) ?? null) : null;
    } else {
      row.teamId = k === '' ? null : Number(k);
      row.teamName = k === '' ? null : (dir.teams.get(Number(k)) ?? null);
      row.key = row.teamName ?? '(unmapped)';
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
  const w = where(dialect, { from: f.from, to: f.to, codes: f.codes }, 'agent_code');
  const seen = await db.executeQuery<{ agent_code: string }>(CompiledQuery.raw(`select distinct agent_code from live_agent_intervals ${w.sql}`, w.params));
  const unknownAgentCodes = seen.rows.map((r) => String(r.agent_code)).filter((c) => !dir.byCode.has(c)).sort();
  return { by, from: query.from ?? null, to: query.to ?? null, intervalMin: by === 'interval' ? intervalMin : 15, rows, total, unknownAgentCodes };
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
 * (short abandons included) and aht, from the stored queue aggregates, for one queue or all.
 * Intervals with no row are left out (no calls and no handling recorded).
 */
export async function queueIntervals(
  db: Kysely<DB>,
  q: { from: number; to: number; queue?: string; intervalMin: 15 | 30 | 60; tzOffsetMin?: TzOffset },
): Promise<QueueInterval[]> {
  const rows = await sums(db, dialectOf(db), 'live_queue_intervals', 'interval_start', { from: q.from, to: q.to, queue: q.queue });
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
export async function agentCodesOf(db: Kysely<DB>, sel: { teamIds?: number[]; agentId?: number | null }): Promise<string[]> {
  let q = db.selectFrom('agents').select('ext_code').where('ext_code', 'is not', null);
  if (sel.teamIds) q = q.where('team_id', 'in', sel.teamIds.length ? sel.teamIds : [-1]);
  if (sel.agentId !== undefined) q = q.where('id', '=', sel.agentId ?? -1);
  return (await q.execute()).map((r) => r.ext_code!);
}
