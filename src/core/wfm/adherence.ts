// Schedule adherence (遵守率), conformance and intraday re-forecast.
//
// adherence   = seconds in the scheduled activity / scheduled seconds (DESIGN.md)
// conformance = worked seconds within the scheduled (non-off) time / scheduled seconds (when within
//               the schedule is not checked, only how much). Work outside the schedule is reported
//               apart (unscheduledWorkedS): counting it in made a 24-hour-logged-in agent with a
//               3-hour schedule 822 % conformant; both ratios are ≤ 100 % by construction.
// Which agent states count as which activity is data (`StateMapping`). Times are epoch ms.

import { requiredAgents, type StaffingTarget } from './erlang';
import { InputError as AdherenceInputError } from '../errors';

export type ScheduledActivityKind = 'phone' | 'break' | 'meal' | 'training' | 'meeting' | 'shadow' | 'off';

export interface ScheduledActivity {
  agentId: string;
  start: number;
  end: number;
  activity: ScheduledActivityKind;
}

export interface StateSegment {
  agentId: string;
  start: number;
  end: number;
  /** agent state, e.g. available, talk, hold, acw, ring, notReady:break, loggedOut */
  state: string;
}

/** activity → states that are in adherence with it */
export type StateMapping = Record<ScheduledActivityKind, string[]>;

export const DEFAULT_STATE_MAPPING: StateMapping = {
  phone: ['available', 'idle', 'ring', 'talk', 'hold', 'acw'],
  break: ['notReady:break'],
  meal: ['notReady:meal'],
  training: ['notReady:training'],
  meeting: ['notReady:meeting'],
  // shadowing a top agent (跟聽, src/core/peer): off the phones, listening; a floor may report it as training
  shadow: ['notReady:shadow', 'notReady:training'],
  off: ['loggedOut'],
};

export interface AdherenceOptions {
  mapping?: StateMapping;
  /** out-of-adherence stretches up to this long are tolerated (default 300 s) */
  graceS?: number;
  /** states that are not work (for conformance); default: loggedOut */
  nonWorkStates?: string[];
  /** evaluation window [from, to): e.g. the day so far for real-time adherence */
  from: number;
  to: number;
}

export interface OutOfAdherence {
  agentId: string;
  start: number;
  end: number;
  scheduled: ScheduledActivityKind;
  /** state(s) seen; 'unknown' where no state was reported */
  states: string[];
}

export interface AgentAdherence {
  agentId: string;
  scheduledS: number;
  inAdherenceS: number;
  /** inAdherenceS / scheduledS (1 when nothing is scheduled) */
  adherence: number;
  /** counting tolerated (≤ grace) stretches as in adherence */
  adherenceWithGrace: number;
  /** worked (logged-in, not loggedOut) seconds within the scheduled time */
  workedS: number;
  /** worked seconds outside any scheduled activity (overtime, or states without a schedule) */
  unscheduledWorkedS: number;
  /** workedS / scheduledS, ≤ 1 (1 when nothing is scheduled) */
  conformance: number;
  outOfAdherence: OutOfAdherence[];
}

/** Bad input to this module: core's InputError (a validation DomainError naming the field). */
export { AdherenceInputError };

function check<T extends { start: number; end: number; agentId: string }>(list: T[], name: string) {
  list.forEach((x, i) => {
    if (!Number.isFinite(x.start) || !Number.isFinite(x.end) || x.end < x.start)
      throw new AdherenceInputError(`${name}[${i}]`, 'needs start <= end (epoch ms)');
    if (!x.agentId) throw new AdherenceInputError(`${name}[${i}].agentId`, 'is required');
  });
}

export function computeAdherence(schedule: ScheduledActivity[], states: StateSegment[], opts: AdherenceOptions): AgentAdherence[] {
  if (!(opts.to > opts.from)) throw new AdherenceInputError('to', 'must be after from');
  check(schedule, 'schedule');
  check(states, 'states');
  const mapping = opts.mapping ?? DEFAULT_STATE_MAPPING;
  const graceMs = (opts.graceS ?? 300) * 1000;
  const nonWork = new Set(opts.nonWorkStates ?? ['loggedOut']);
  const agents = [...new Set([...schedule.map((s) => s.agentId), ...states.map((s) => s.agentId)])].sort();
  return agents.map((agentId) => {
    const sch = schedule.filter((s) => s.agentId === agentId).sort((a, b) => a.start - b.start);
    const st = states.filter((s) => s.agentId === agentId).sort((a, b) => a.start - b.start);
    const cuts = new Set<number>([opts.from, opts.to]);
    for (const x of [...sch, ...st]) {
      if (x.start > opts.from && x.start < opts.to) cuts.add(x.start);
      if (x.end > opts.from && x.end < opts.to) cuts.add(x.end);
    }
    const pts = [...cuts].sort((a, b) => a - b);
    let scheduledMs = 0;
    let inMs = 0;
    let workedMs = 0;
    let unscheduledMs = 0;
    const ooa: OutOfAdherence[] = [];
    let i = 0;
    let j = 0;
    for (let k = 0; k + 1 < pts.length; k++) {
      const a = pts[k]!;
      const b = pts[k + 1]!;
      while (i < sch.length && sch[i]!.end <= a) i++;
      while (j < st.length && st[j]!.end <= a) j++;
      const act = sch.slice(i).find((s) => s.start <= a && s.end > a);
      const state = st.slice(j).find((s) => s.start <= a && s.end > a);
      const len = b - a;
      const working = state !== undefined && !nonWork.has(state.state);
      if (!act || act.activity === 'off') {
        if (working) unscheduledMs += len;
        continue;
      }
      scheduledMs += len;
      if (working) workedMs += len;
      const ok = state !== undefined && mapping[act.activity].includes(state.state);
      if (ok) {
        inMs += len;
        continue;
      }
      const sName = state?.state ?? 'unknown';
      const last = ooa[ooa.length - 1];
      if (last && last.end === a && last.scheduled === act.activity) {
        last.end = b;
        if (!last.states.includes(sName)) last.states.push(sName);
      } else ooa.push({ agentId, start: a, end: b, scheduled: act.activity, states: [sName] });
    }
    const tolerated = ooa.filter((o) => o.end - o.start <= graceMs);
    const toleratedMs = tolerated.reduce((s, o) => s + o.end - o.start, 0);
    return {
      agentId,
      scheduledS: scheduledMs / 1000,
      inAdherenceS: inMs / 1000,
      adherence: scheduledMs > 0 ? inMs / scheduledMs : 1,
      adherenceWithGrace: scheduledMs > 0 ? (inMs + toleratedMs) / scheduledMs : 1,
      workedS: workedMs / 1000,
      unscheduledWorkedS: unscheduledMs / 1000,
      conformance: scheduledMs > 0 ? workedMs / scheduledMs : 1,
      outOfAdherence: ooa.filter((o) => o.end - o.start > graceMs),
    };
  });
}

/** Team (or centre) roll-up: sums of seconds, so big schedules weigh more. */
export function rollupAdherence(rows: AgentAdherence[]): { scheduledS: number; inAdherenceS: number; adherence: number; workedS: number; conformance: number } {
  const scheduledS = rows.reduce((s, r) => s + r.scheduledS, 0);
  const inAdherenceS = rows.reduce((s, r) => s + r.inAdherenceS, 0);
  const workedS = rows.reduce((s, r) => s + r.workedS, 0);
  return {
    scheduledS,
    inAdherenceS,
    adherence: scheduledS > 0 ? inAdherenceS / scheduledS : 1,
    workedS,
    conformance: scheduledS > 0 ? workedS / scheduledS : 1,
  };
}

export interface IntradayInterval {
  ts: number;
  offered: number;
  aht: number;
}

export interface IntradayOptions {
  /** forecast for the whole day, per interval */
  forecast: IntradayInterval[];
  /** actuals of completed intervals so far (same ts as the forecast) */
  actuals: IntradayInterval[];
  /** start of the first interval not yet complete */
  nowTs: number;
  /** 0 = ignore today's deviation, 1 = apply it fully (default 0.5) */
  damping?: number;
  intervalS: number;
  /** agents on the phones per interval (ts → agents) for the gap */
  scheduledAgents: Map<number, number> | Record<number, number>;
  targets: StaffingTarget[];
  patienceS?: number;
}

export interface IntradayResult {
  volumeRatio: number;
  ahtRatio: number;
  appliedVolumeFactor: number;
  appliedAhtFactor: number;
  remaining: { ts: number; offered: number; aht: number; required: number; scheduled: number; gap: number }[];
}

/**
 * Rest-of-day re-forecast: ratio of actual to forecast volume (and AHT) so far, damped toward 1,
 * applied to the remaining intervals; then required agents (Erlang) and scheduled − required.
 */
export function reforecastIntraday(o: IntradayOptions): IntradayResult {
  const damping = o.damping ?? 0.5;
  if (!(damping >= 0 && damping <= 1)) throw new AdherenceInputError('damping', 'must be within [0, 1]');
  if (!(o.intervalS > 0)) throw new AdherenceInputError('intervalS', 'must be > 0');
  const fc = new Map(o.forecast.map((f) => [f.ts, f]));
  let fo = 0;
  let ao = 0;
  let fa = 0;
  let aa = 0;
  for (const a of o.actuals) {
    if (a.ts >= o.nowTs) continue;
    const f = fc.get(a.ts);
    if (!f) continue;
    fo += f.offered;
    ao += a.offered;
    fa += f.aht * a.offered; // forecast AHT weighted by the calls that came
    aa += a.aht * a.offered;
  }
  const volumeRatio = fo > 0 ? ao / fo : 1;
  const ahtRatio = fa > 0 ? aa / fa : 1;
  const appliedVolumeFactor = 1 + damping * (volumeRatio - 1);
  const appliedAhtFactor = 1 + damping * (ahtRatio - 1);
  const sched = o.scheduledAgents instanceof Map ? o.scheduledAgents : new Map(Object.entries(o.scheduledAgents).map(([k, v]) => [Number(k), v]));
  const remaining = o.forecast
    .filter((f) => f.ts >= o.nowTs)
    .sort((a, b) => a.ts - b.ts)
    .map((f) => {
      const offered = f.offered * appliedVolumeFactor;
      const aht = f.aht * appliedAhtFactor;
      const required = requiredAgents({ calls: offered, periodS: o.intervalS, ahtS: aht > 0 ? aht : 1, targets: o.targets, patienceS: o.patienceS }).agents;
      const scheduled = sched.get(f.ts) ?? 0;
      return { ts: f.ts, offered, aht, required, scheduled, gap: scheduled - required };
    });
  return { volumeRatio, ahtRatio, appliedVolumeFactor, appliedAhtFactor, remaining };
}
