/**
 * The inputs of the per-agent facts (core/facts), gathered set-based per agent × local day (center
 * time zone) for a range of days: one grouped query per source over the whole range, joined to an
 * inline table of the range's local days (so days follow the zone, DST included), never a loop per
 * agent or per day.
 *
 * This file: the range, the agents and their people facts; the agent-days' parts come from
 * ./days.ts (stored closed days) and ./daily.ts (computed from the sources).
 *
 * Sources: telephony (live_agent_intervals / live_agent_reasons via agents.ext_code), schedule
 * (published wfm_shifts against the live agent states, core/wfm/adherence), attendance (the same
 * shifts against login segments from the same states, core/people/attendance), QA (evaluations,
 * calibration excluded, on the local day of the call — the same day the evaluation's month comes
 * from), work orders (upheld complaints on their verdict day), survey (survey_answers), people
 * (skill level, valid certifications).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { notFound, validationError } from '../../core/errors';
import { inScope, type Scope } from '../scope';
import { addParts, DEFAULT_CSAT_RULE, type CsatRule, type FactParts, type PersonFacts } from '../../core/facts/index';
import { dateOfInstant, startOfDayMs } from '../../core/performance/facts';
import { getSetting } from '../org';
import { peopleConfig } from '../people/common';
import type { FactsConf } from './daily';
import { agentDays, type AgentDaysHooks } from './days';

type Db = Kysely<DB>;
export const CSAT_SETTING = 'facts.csat';
const DAY = 86_400_000;
const SKILL_LEVEL: Record<string, number> = { junior: 1, intermediate: 2, senior: 3 };

export async function getCsatRule(db: Db, centerId: number): Promise<CsatRule> {
  return (await getSetting<CsatRule>(db, centerId, CSAT_SETTING)) ?? DEFAULT_CSAT_RULE;
}

/** 'YYYY-MM-DD' + n days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

export function daysOf(from: string, to: string): string[] {
  for (const [f, v] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
      throw validationError(f, `"${v}" is not a YYYY-MM-DD date`, { reason: 'facts.badDate', params: { value: v } });
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    out.push(d);
    if (out.length > 400) throw validationError('to', 'a period is at most 400 days', { reason: 'facts.periodTooLong', params: { max: 400 } });
  }
  return out;
}

export interface FactAgent {
  agentId: number;
  teamId: number | null;
  employeeNo: string;
  name: string;
  hireDate: string;
  extCode: string | null;
}

export interface GatheredFacts {
  centerId: number;
  tz: string;
  dates: string[];
  /** [from, to) of the range in epoch ms */
  from: number;
  to: number;
  agents: FactAgent[];
  /** agentId → date → parts (only agent-days with some data); with `sums`, an agent in `sums` has none of its closed days here */
  days: Map<number, Map<string, FactParts>>;
  /** asked for (GatherOptions.sums): agentId → the sum of the range's closed days (stored sums, migration 036) */
  sums?: Map<number, FactParts>;
  person: Map<number, PersonFacts>;
}

export interface GatherOptions {
  agentIds?: number[];
  teamIds?: number[];
  /** what the caller sees of the center (src/store/scope.ts) */
  scope?: Scope;
  /** adherence and attendance are evaluated up to `now` (a shift still to come is not absent) */
  now: number;
  /** test seam of the stored days' computation (store/facts/days.ts) */
  daysHooks?: AgentDaysHooks;
  /**
   * The closed days as one stored sum per agent where there is one (`GatheredFacts.sums`): for callers that
   * only add the days up (a period's facts), not for those that look at single days.
   */
  sums?: boolean;
}

/**
 * The facts' inputs of a range of days: the agents on the books, their agent-days' parts (stored for
 * closed days, computed for the others: store/facts/days.ts) and their people facts.
 */
export async function gatherFacts(db: Db, centerId: number, fromDate: string, toDate: string, opts: GatherOptions): Promise<GatheredFacts> {
  const center = await db.selectFrom('centers').select(['id', 'timezone']).where('id', '=', centerId).executeTakeFirst();
  if (!center) throw notFound('center', centerId);
  const tz = center.timezone;
  const dates = daysOf(fromDate, toDate);
  const starts = [...dates, addDays(toDate, 1)].map((d) => startOfDayMs(d, tz));
  const from = starts[0]!;
  const to = starts[starts.length - 1]!;

  // agents on the books in the range
  let aq = db
    .selectFrom('agents')
    .select(['id', 'team_id', 'employee_no', 'name', 'hire_date', 'ext_code', 'skill_level'])
    .where('center_id', '=', centerId)
    .where('hire_date', '<=', toDate)
    .where((eb) => eb.or([eb('status', '=', 'active'), eb('left_date', 'is', null), eb('left_date', '>=', fromDate)]))
    .orderBy('employee_no');
  if (opts.agentIds) aq = aq.where('id', 'in', opts.agentIds.length ? opts.agentIds : [-1]);
  if (opts.teamIds) aq = aq.where('team_id', 'in', opts.teamIds.length ? opts.teamIds : [-1]);
  if (opts.scope) aq = aq.where(inScope(opts.scope, { center: 'center_id', team: 'team_id', agent: 'id' }));
  const agentRows = await aq.execute();
  const ids = agentRows.map((a) => a.id);
  const agents: FactAgent[] = agentRows.map((a) => ({
    agentId: a.id,
    teamId: a.team_id,
    employeeNo: a.employee_no,
    name: a.name,
    hireDate: a.hire_date,
    extCode: a.ext_code,
  }));

  const conf: FactsConf = { csat: await getCsatRule(db, centerId), grace: (await peopleConfig(db, centerId)).attendanceGrace };
  const sums = opts.sums ? new Map<number, FactParts>() : undefined;
  const out = await agentDays(
    db,
    {
      centerId,
      dates,
      starts,
      agents: agentRows,
      subset: !!(opts.agentIds || opts.teamIds || (opts.scope && opts.scope.kind !== 'all')),
      conf,
      now: opts.now,
    },
    opts.daysHooks,
    sums,
  );

  // ---- people: skill level, certifications valid at the end of the range
  const certs = ids.length
    ? await db
        .selectFrom('people_certifications')
        .select(['agent_id', 'queue'])
        .where('agent_id', 'in', ids)
        .where('passed_at', '<', to)
        .where('valid_until', '>=', Math.min(to, opts.now))
        .execute()
    : [];
  const certsBy = new Map<number, string[]>();
  for (const c of certs) certsBy.set(c.agent_id, [...(certsBy.get(c.agent_id) ?? []), c.queue]);
  const person = new Map<number, PersonFacts>();
  for (const a of agentRows)
    person.set(a.id, {
      skillLevel: SKILL_LEVEL[a.skill_level] ?? null,
      certifiedQueues: [...new Set(certsBy.get(a.id) ?? [])],
    });

  return { centerId, tz, dates, from, to, agents, days: out, person, ...(sums ? { sums } : {}) };
}

export { loginSegments } from './daily';

/** One agent's days of the range in date order: the stored sum of its closed days (if gathered so) first, then its other days. */
export function agentParts(g: GatheredFacts, agentId: number): FactParts[] {
  const days = [...(g.days.get(agentId)?.values() ?? [])];
  const sum = g.sums?.get(agentId);
  return sum ? [sum, ...days] : days;
}

/** Sum of one agent's days (a week, a month). */
export function periodParts(g: GatheredFacts, agentId: number): FactParts {
  return addParts(agentParts(g, agentId));
}

export { dateOfInstant };
