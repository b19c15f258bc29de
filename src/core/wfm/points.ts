// Holiday and peak points (積分): earning rules as data, a ledger, redemption checks.
// Pure: work records and rules in, ledger entries out. Times epoch ms; dates are local
// (tzOffsetMin), so a shift crossing midnight earns holiday points only for the holiday part.

import { InputError as PointsInputError } from '../errors';

/** Bad input to this module: core's InputError (a validation DomainError naming the field). */
export { PointsInputError };

export type PointsRule =
  /** hours worked on listed local dates × pointsPerHour × multiplier */
  | { id: string; kind: 'holidayHours'; dates: string[]; pointsPerHour: number; multiplier?: number }
  /** a fixed number of points for each worked peak slot */
  | { id: string; kind: 'peakSlot'; pointsPerSlot: number };

export interface WorkRecord {
  agentId: string;
  start: number;
  end: number;
  /** a worked shift, or a worked peak slot (from peak subscription) */
  kind: 'shift' | 'peakSlot';
  ref?: string;
}

export interface LedgerEntry {
  agentId: string;
  /** positive: earned; negative: redeemed */
  points: number;
  ts: number;
  reason: string;
  ruleId?: string;
  ref?: string;
}

const DAY = 86_400_000;

function localDay(date: string, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new PointsInputError(field, `must be YYYY-MM-DD, got ${date}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) / DAY;
}

/** Ledger entries earned by the work records under the rules (one entry per record and rule). */
export function earnPoints(work: WorkRecord[], rules: PointsRule[], tzOffsetMin = 0): LedgerEntry[] {
  const tz = tzOffsetMin * 60_000;
  const prepared = rules.map((r, i) => {
    if (r.kind === 'holidayHours') {
      if (!(r.pointsPerHour >= 0)) throw new PointsInputError(`rules[${i}].pointsPerHour`, 'must be >= 0');
      if (r.multiplier !== undefined && !(r.multiplier >= 0)) throw new PointsInputError(`rules[${i}].multiplier`, 'must be >= 0');
      return { r, days: r.dates.map((d, k) => localDay(d, `rules[${i}].dates[${k}]`)) };
    }
    if (r.kind === 'peakSlot') {
      if (!(r.pointsPerSlot >= 0)) throw new PointsInputError(`rules[${i}].pointsPerSlot`, 'must be >= 0');
      return { r, days: [] };
    }
    throw new PointsInputError(`rules[${i}].kind`, `unknown rule kind ${(r as { kind: string }).kind}`);
  });
  const out: LedgerEntry[] = [];
  work.forEach((w, i) => {
    if (!(w.end > w.start)) throw new PointsInputError(`work[${i}].end`, 'must be after start');
    for (const { r, days } of prepared) {
      if (r.kind === 'holidayHours') {
        let ms = 0;
        for (const d of days) {
          const from = d * DAY - tz;
          const to = from + DAY;
          ms += Math.max(0, Math.min(to, w.end) - Math.max(from, w.start));
        }
        if (ms > 0) {
          const pts = (ms / 3_600_000) * r.pointsPerHour * (r.multiplier ?? 1);
          out.push({ agentId: w.agentId, points: pts, ts: w.end, reason: `holiday hours ${ms / 3_600_000} h`, ruleId: r.id, ref: w.ref });
        }
      } else if (w.kind === 'peakSlot') {
        out.push({ agentId: w.agentId, points: r.pointsPerSlot, ts: w.end, reason: 'peak slot worked', ruleId: r.id, ref: w.ref });
      }
    }
  });
  return out;
}

export interface Balance {
  agentId: string;
  earned: number;
  redeemed: number;
  balance: number;
}

/** Per-agent totals from ledger entries (redemptions are negative entries). */
export function balances(ledger: LedgerEntry[]): Balance[] {
  const m = new Map<string, Balance>();
  for (const e of ledger) {
    const b = m.get(e.agentId) ?? { agentId: e.agentId, earned: 0, redeemed: 0, balance: 0 };
    if (e.points >= 0) b.earned += e.points;
    else b.redeemed += -e.points;
    b.balance = b.earned - b.redeemed;
    m.set(e.agentId, b);
  }
  return [...m.values()].sort((a, b) => (a.agentId < b.agentId ? -1 : 1));
}

/**
 * Validate a redemption (leave or a gift) and return its ledger entry; throws when the amount is
 * not positive or exceeds the balance. The caller appends the entry once the approval is given.
 */
export function redeem(ledger: LedgerEntry[], agentId: string, points: number, ts: number, reason: string): LedgerEntry {
  if (!(Number.isFinite(points) && points > 0)) throw new PointsInputError('points', `must be > 0, got ${points}`);
  const bal = balances(ledger.filter((e) => e.agentId === agentId))[0]?.balance ?? 0;
  if (points > bal + 1e-9) throw new PointsInputError('points', `cannot redeem ${points}: balance is ${bal}`);
  return { agentId, points: -points, ts, reason };
}
