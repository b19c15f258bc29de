/**
 * Additive measures, stored per (interval start, queue) and (interval start, agent).
 * Everything here is a count or a sum of seconds, so a day / month / team is the plain sum of
 * rows; ratios are derived afterwards (see derive.ts). Names follow DESIGN.md's KPI table.
 */
export interface Measures {
  /** calls that entered the queue (counted in the interval of queue entry) */
  offered: number;
  /** offered calls connected to an agent */
  answered: number;
  /** callers who left before connection, waiting >= shortAbandonS (short ones are counted apart) */
  abandoned: number;
  /** callers who left before connection after waiting < shortAbandonS */
  shortAbandoned: number;
  /** calls the queue itself removed before connection (timeout, empty queue); not in DESIGN's table */
  timedOut: number;
  /** answered with wait <= slThresholdS */
  answeredWithinSl: number;
  /** sum of queue wait of answered calls, s */
  waitAnswered: number;
  /** sum of queue wait of abandoned calls (short ones included), s */
  waitAbandoned: number;
  /** calls connected (per agent: calls this agent took) */
  handled: number;
  /** handled calls that the agent transferred away */
  transferred: number;
  /** agent state durations, s */
  talk: number;
  hold: number;
  acw: number;
  ring: number;
  /** logged-in time, s (agent rows only) */
  staffed: number;
  /** available and waiting time, s (agent rows only) */
  idle: number;
  /** not-ready time, s, total and by reason code (agent rows only) */
  notReady: number;
  notReadyByReason: Record<string, number>;
  /** not-ready episodes started (a repeated identical pause is one episode) */
  notReadyCount: number;
}

export const SCALAR_MEASURES = [
  'offered',
  'answered',
  'abandoned',
  'shortAbandoned',
  'timedOut',
  'answeredWithinSl',
  'waitAnswered',
  'waitAbandoned',
  'handled',
  'transferred',
  'talk',
  'hold',
  'acw',
  'ring',
  'staffed',
  'idle',
  'notReady',
  'notReadyCount',
] as const satisfies readonly (keyof Measures)[];

export function emptyMeasures(): Measures {
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    shortAbandoned: 0,
    timedOut: 0,
    answeredWithinSl: 0,
    waitAnswered: 0,
    waitAbandoned: 0,
    handled: 0,
    transferred: 0,
    talk: 0,
    hold: 0,
    acw: 0,
    ring: 0,
    staffed: 0,
    idle: 0,
    notReady: 0,
    notReadyByReason: {},
    notReadyCount: 0,
  };
}

/** target += source (mutates and returns target). */
export function addMeasures(target: Measures, source: Measures): Measures {
  for (const k of SCALAR_MEASURES) target[k] += source[k];
  for (const [r, s] of Object.entries(source.notReadyByReason)) {
    target.notReadyByReason[r] = (target.notReadyByReason[r] ?? 0) + s;
  }
  return target;
}

export function sumMeasures(rows: Iterable<Measures>): Measures {
  const t = emptyMeasures();
  for (const r of rows) addMeasures(t, r);
  return t;
}

/** Group rows by a key (day, team, month...) and sum each group. */
export function rollup<R extends Measures>(rows: Iterable<R>, keyOf: (r: R) => string): Map<string, Measures> {
  const out = new Map<string, Measures>();
  for (const r of rows) {
    const k = keyOf(r);
    let t = out.get(k);
    if (!t) out.set(k, (t = emptyMeasures()));
    addMeasures(t, r);
  }
  return out;
}
