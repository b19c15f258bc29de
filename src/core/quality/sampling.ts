/**
 * Sampling plans (抽檢): pure selection from a list of call records.
 *
 * Per agent and per week (Monday-based, in the center's UTC offset):
 * 1. random: `randomPerAgentPerWeek` calls, stratified by queue × call-length band. The quota of a
 *    stratum is proportional to its size (largest-remainder rounding, ties by stratum key); inside a
 *    stratum calls are drawn with a seeded RNG. The RNG of each agent-week is seeded from
 *    `${seed}|${agentId}|${week}`, so adding another agent's calls never changes this agent's sample.
 * 2. targeted, on top: the longest calls (≥ `longCallS`), transfers, complaint-flagged calls, and extra
 *    random calls for new agents (tenure under `newAgentDays` at the week start). A call that is already
 *    selected gets the extra reason and counts towards that rule's limit.
 */
import { sampleWithoutReplacement, seededRng } from './random';

export interface CallRecord {
  id: string;
  agentId: string;
  queue: string;
  /** ISO timestamp of when the call entered the queue. */
  startedAt: string;
  /** Handled duration in seconds (talk + hold + acw). */
  durationS: number;
  transferred?: boolean;
  complaint?: boolean;
}

export type SampleReason = 'random' | 'long' | 'transfer' | 'complaint' | 'newAgent';

export interface SamplingPlan {
  randomPerAgentPerWeek: number;
  /** Ascending band edges in seconds: [60, 180] gives bands <60, 60–179, ≥180. */
  lengthBandsS: number[];
  targeted?: {
    longCallS?: number;
    longCallsPerAgent?: number;
    transfersPerAgent?: number;
    complaintsPerAgent?: number;
    newAgentDays?: number;
    newAgentExtra?: number;
  };
  /** Center time-zone offset from UTC in minutes (China: 480) used to cut weeks. Default 0. */
  utcOffsetMinutes?: number;
}

/** Defaults (the seeds give no numbers; these are common practice and are data, per center). */
export const DEFAULT_SAMPLING_PLAN: SamplingPlan = {
  randomPerAgentPerWeek: 4,
  lengthBandsS: [60, 180, 600],
  targeted: {
    longCallS: 600,
    longCallsPerAgent: 1,
    transfersPerAgent: 1,
    complaintsPerAgent: 5,
    newAgentDays: 90,
    newAgentExtra: 2,
  },
  utcOffsetMinutes: 480,
};

export interface SampledCall {
  callId: string;
  agentId: string;
  /** Monday of the call's week, 'YYYY-MM-DD'. */
  week: string;
  reasons: SampleReason[];
}

const DAY_MS = 86_400_000;

/** Monday (YYYY-MM-DD) of the week an instant falls in, at the given UTC offset. */
export function weekStart(iso: string, utcOffsetMinutes = 0): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad timestamp "${iso}"`);
  const local = new Date(ms + utcOffsetMinutes * 60_000);
  const dow = (local.getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - dow * DAY_MS);
  return monday.toISOString().slice(0, 10);
}

export function lengthBand(durationS: number, edges: readonly number[]): number {
  let b = 0;
  for (const e of edges) if (durationS >= e) b++;
  return b;
}

/** Splits `n` over strata proportionally to their sizes with largest-remainder rounding. */
export function allocate(sizes: readonly { key: string; size: number }[], n: number): Map<string, number> {
  const total = sizes.reduce((a, s) => a + s.size, 0);
  const out = new Map<string, number>();
  if (total === 0) return out;
  const take = Math.min(n, total);
  const rows = sizes.map((s) => {
    const exact = (take * s.size) / total;
    return { key: s.key, base: Math.floor(exact), rem: exact - Math.floor(exact), size: s.size };
  });
  let left = take - rows.reduce((a, r) => a + r.base, 0);
  const order = [...rows].sort((a, b) => b.rem - a.rem || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const r of order) {
    if (left <= 0) break;
    if (r.base < r.size) {
      r.base++;
      left--;
    }
  }
  for (const r of rows) out.set(r.key, r.base);
  return out;
}

/**
 * Selects the calls to evaluate. `hireDates` maps agentId → 'YYYY-MM-DD' (for the new-agent rule).
 * Result sorted by agent, week, call id.
 */
export function selectSample(
  calls: readonly CallRecord[],
  plan: SamplingPlan,
  seed: number | string,
  hireDates: Readonly<Record<string, string>> = {},
): SampledCall[] {
  const off = plan.utcOffsetMinutes ?? 0;
  const groups = new Map<string, { agentId: string; week: string; calls: CallRecord[] }>();
  for (const c of calls) {
    const week = weekStart(c.startedAt, off);
    const k = `${c.agentId}\u0000${week}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { agentId: c.agentId, week, calls: [] }));
    g.calls.push(c);
  }
  const out: SampledCall[] = [];
  const keys = [...groups.keys()].sort();
  for (const k of keys) {
    const g = groups.get(k)!;
    const sorted = [...g.calls].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const rng = seededRng(`${seed}|${g.agentId}|${g.week}`);
    const chosen = new Map<string, SampleReason[]>();

    // 1. stratified random
    const strata = new Map<string, CallRecord[]>();
    for (const c of sorted) {
      const sk = `${c.queue}|${lengthBand(c.durationS, plan.lengthBandsS)}`;
      const s = strata.get(sk);
      if (s) s.push(c);
      else strata.set(sk, [c]);
    }
    const strataKeys = [...strata.keys()].sort();
    const quota = allocate(
      strataKeys.map((key) => ({ key, size: strata.get(key)!.length })),
      plan.randomPerAgentPerWeek,
    );
    for (const sk of strataKeys) {
      for (const c of sampleWithoutReplacement(strata.get(sk)!, quota.get(sk) ?? 0, rng)) chosen.set(c.id, ['random']);
    }

    // 2. targeted
    const t = plan.targeted ?? {};
    const addTargeted = (reason: SampleReason, candidates: CallRecord[], limit: number | undefined) => {
      if (!limit || limit <= 0) return;
      let used = 0;
      for (const c of candidates) {
        if (used >= limit) break;
        const r = chosen.get(c.id);
        if (r) {
          r.push(reason);
          used++;
        }
      }
      for (const c of candidates) {
        if (used >= limit) break;
        if (!chosen.has(c.id)) {
          chosen.set(c.id, [reason]);
          used++;
        }
      }
    };
    if (t.longCallS !== undefined) {
      const longest = sorted.filter((c) => c.durationS >= t.longCallS!).sort((a, b) => b.durationS - a.durationS || (a.id < b.id ? -1 : 1));
      // Only the longest `limit` calls qualify, whether already chosen or not.
      addTargeted('long', longest.slice(0, t.longCallsPerAgent ?? 0), t.longCallsPerAgent);
    }
    addTargeted(
      'transfer',
      shuffle(
        sorted.filter((c) => c.transferred),
        rng,
      ),
      t.transfersPerAgent,
    );
    addTargeted(
      'complaint',
      shuffle(
        sorted.filter((c) => c.complaint),
        rng,
      ),
      t.complaintsPerAgent,
    );
    const hire = hireDates[g.agentId];
    if (hire && t.newAgentDays !== undefined && t.newAgentExtra) {
      const tenureDays = (Date.parse(`${g.week}T00:00:00Z`) - Date.parse(`${hire}T00:00:00Z`)) / DAY_MS;
      if (tenureDays < t.newAgentDays) {
        const rest = sorted.filter((c) => !chosen.has(c.id));
        for (const c of sampleWithoutReplacement(rest, t.newAgentExtra, rng)) chosen.set(c.id, ['newAgent']);
      }
    }
    for (const c of sorted) {
      const reasons = chosen.get(c.id);
      if (reasons) out.push({ callId: c.id, agentId: g.agentId, week: g.week, reasons });
    }
  }
  return out;
}

function shuffle<T>(a: readonly T[], rng: () => number): T[] {
  return sampleWithoutReplacement(a, a.length, rng);
}

/**
 * The evaluators' work queue: spreads sampled calls over evaluators, fewest-loaded first
 * (ties by evaluator order), keeping all calls of one agent-week with one evaluator.
 */
export function assignEvaluators(samples: readonly SampledCall[], evaluatorIds: readonly string[]): { evaluatorId: string; callIds: string[] }[] {
  const queues = evaluatorIds.map((evaluatorId) => ({ evaluatorId, callIds: [] as string[] }));
  if (!queues.length) return queues;
  const blocks = new Map<string, string[]>();
  for (const s of samples) {
    const k = `${s.agentId}\u0000${s.week}`;
    const b = blocks.get(k);
    if (b) b.push(s.callId);
    else blocks.set(k, [s.callId]);
  }
  for (const k of [...blocks.keys()].sort()) {
    let q = queues[0]!;
    for (const x of queues) if (x.callIds.length < q.callIds.length) q = x;
    q.callIds.push(...blocks.get(k)!);
  }
  return queues;
}
