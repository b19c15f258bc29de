/**
 * Monthly performance figures from the facts (store/facts, docs/facts.md): every figure the facts
 * compute per agent for the month — telephony, adherence, attendance, QA, complaints, csat, skill
 * level — → perf_figures with source 'live' (a snapshot; scorecards read the facts themselves).
 *
 * - The month is the center's local month (time zone of the center).
 * - Figures loaded by hand (any source other than 'live': api, csv, cli) are kept unless
 *   `overwrite` is set; the result lists them as `kept`.
 * - Missing stays missing: a KPI with no denominator is not stored, and an earlier live figure that
 *   is now missing is deleted (never a 0).
 * - One transaction, audited (`perf.figures.compute`).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { notFound, validationError } from '../../core/errors';
import { FACT_KPIS, type Fact } from '../../core/facts/index';
import { agentPeriodFacts, factsPeriod } from '../facts/index';
import { gatherFacts } from '../facts/gather';
import { getKpiDefinitions } from './figures';
import { withTx } from '../db';
import { audit } from '../audit';

type Db = Kysely<DB>;
export const LIVE_SOURCE = 'live';

export interface ComputeFiguresResult {
  month: string;
  agents: number;
  stored: number;
  /** stale live figures removed (now missing) */
  removed: number;
  /** hand-loaded figures left as they were (overwrite not asked) */
  kept: { agentId: number; kpi: string; source: string }[];
}

export async function computeLiveFigures(
  db: Db,
  centerId: number,
  month: string,
  opts: { overwrite?: boolean; userId: number | null; now: number },
): Promise<ComputeFiguresResult> {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw validationError('month', `expected YYYY-MM, got "${month}"`, { reason: 'facts.badMonth', params: { field: 'month', value: month } });
  const center = await db.selectFrom('centers').select(['id', 'timezone']).where('id', '=', centerId).executeTakeFirst();
  if (!center) throw notFound('center', centerId);
  const period = factsPeriod({ month });
  const g = await gatherFacts(db, centerId, period.from, period.to, { now: opts.now, sums: true });
  const facts = await agentPeriodFacts(db, g, period, opts.now, await getKpiDefinitions(db, centerId), { overrides: false });
  // every figure the facts compute (not only the telephony five), with its ratio parts; manual overrides are not facts
  const rows = facts.flatMap((r) =>
    FACT_KPIS.flatMap((kpi) => {
      const f = (r as unknown as Record<string, Fact>)[kpi];
      if (!f || f.source === 'manual' || typeof f.value !== 'number') return [];
      return [{ agentId: r.agentId, kpi, value: f.value, numerator: f.num ?? null, denominator: f.den ?? null }];
    }),
  );
  const kpis = [...FACT_KPIS] as string[];
  return withTx(db, async (tx) => {
    const existing = await tx
      .selectFrom('perf_figures')
      .select(['agent_id', 'kpi_key', 'source'])
      .where('center_id', '=', centerId)
      .where('month', '=', month)
      .where('kpi_key', 'in', kpis)
      .execute();
    const manual = new Map(existing.filter((e) => e.source !== LIVE_SOURCE).map((e) => [`${e.agent_id}|${e.kpi_key}`, e.source]));
    const kept: ComputeFiguresResult['kept'] = [];
    const write = rows.filter((r) => {
      const src = manual.get(`${r.agentId}|${r.kpi}`);
      if (src === undefined || opts.overwrite) return true;
      kept.push({ agentId: r.agentId, kpi: r.kpi, source: src });
      return false;
    });
    const fresh = new Set(rows.map((r) => `${r.agentId}|${r.kpi}`));
    const stale = existing.filter((e) => e.source === LIVE_SOURCE && !fresh.has(`${e.agent_id}|${e.kpi_key}`));
    for (const s of stale)
      await tx
        .deleteFrom('perf_figures')
        .where('agent_id', '=', s.agent_id)
        .where('month', '=', month)
        .where('kpi_key', '=', s.kpi_key)
        .where('source', '=', LIVE_SOURCE)
        .execute();
    for (let i = 0; i < write.length; i += 200)
      await tx
        .insertInto('perf_figures')
        .values(
          write.slice(i, i + 200).map((r) => ({
            center_id: centerId,
            agent_id: r.agentId,
            month,
            kpi_key: r.kpi,
            value: r.value,
            numerator: r.numerator,
            denominator: r.denominator,
            source: LIVE_SOURCE,
            updated_at: opts.now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['agent_id', 'month', 'kpi_key']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            numerator: eb.ref('excluded.numerator'),
            denominator: eb.ref('excluded.denominator'),
            source: eb.ref('excluded.source'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    const agents = new Set(rows.map((r) => r.agentId)).size;
    await audit(tx, {
      at: opts.now,
      userId: opts.userId,
      action: 'perf.figures.compute',
      entity: 'perf_figures',
      entityId: month,
      detail: { agents, stored: write.length, removed: stale.length, kept: kept.length, overwrite: !!opts.overwrite },
    });
    return { month, agents, stored: write.length, removed: stale.length, kept };
  });
}
