/**
 * The team lead's scorecard (issue 17, 執行力 / 勝任力): per lead and month, every input read from the
 * function that owns it — the team's agents' KPI-plan target checks from the facts (computeFacts), the
 * goals' progress (./goals), post-shift reports and coaching entries (store/goals counts), lead tasks
 * (taskCompletion), attrition (attritionStats) and mood (checkIns) — and scored by core/goals/scorecard.
 * The parts' weights and the two expectations are a center setting (`goals.scorecard`), edited by its managers.
 */
import { validationError } from '../../core/errors';
import { DEFAULT_SCORECARD_CONFIG, leadScorecard, type ScorecardConfig } from '../../core/goals/scorecard';
import { goalsMetShare } from '../../core/goals/index';
import { monthEnd } from '../../core/performance/kpi';
import { audit } from '../../store/audit';
import { withTx } from '../../store/db';
import { computeFacts, type AgentFactsRow } from '../../store/facts/index';
import { coachingEntries, reportsSent } from '../../store/goals/goals';
import { getSetting, listTeams, putSetting } from '../../store/org';
import { attritionStats } from '../../store/people/attrition';
import { peopleConfig } from '../../store/people/common';
import { checkIns } from '../../store/people/mood';
import { taskCompletion } from '../../store/people/routine';
import type { Actor, ServiceDeps } from '../context';
import { centerToday, goals as goalsOf } from './goals';

export const SCORECARD_SETTING = 'goals.scorecard';

export async function scorecardConfig(deps: ServiceDeps, actor: Actor): Promise<ScorecardConfig> {
  const stored = await getSetting<Partial<ScorecardConfig>>(deps.store.db, actor.scope.centerId, SCORECARD_SETTING);
  return { ...DEFAULT_SCORECARD_CONFIG, ...(stored ?? {}), weights: { ...DEFAULT_SCORECARD_CONFIG.weights, ...(stored?.weights ?? {}) } };
}

export async function saveScorecardConfig(deps: ServiceDeps, actor: Actor, cfg: ScorecardConfig) {
  const w = cfg.weights;
  if (!(w.results + w.routine + w.people > 0))
    throw validationError('body.weights', 'at least one part needs a weight above 0', { reason: 'goals.weightsZero', params: {} });
  const now = deps.now();
  await withTx(deps.store.db, async (tx) => {
    const before = await getSetting(tx, actor.scope.centerId, SCORECARD_SETTING);
    await putSetting(tx, actor.scope.centerId, SCORECARD_SETTING, cfg, now);
    await audit(tx, {
      at: now,
      userId: actor.userId,
      action: 'goals.scorecard.config',
      entity: 'setting',
      entityId: SCORECARD_SETTING,
      detail: { before, after: cfg },
    });
  });
  return scorecardConfig(deps, actor);
}

/** Days of `month` counted for the post-shift reports: all of a past month, up to yesterday of the current one (today's report is not due yet). */
function reportWindow(month: string, today: string): { from: string; to: string; days: number } {
  const from = `${month}-01`;
  const end = monthEnd(month);
  if (today > end) return { from, to: end, days: Number(end.slice(8)) };
  if (today.slice(0, 7) < month) return { from, to: from, days: 0 };
  const days = Number(today.slice(8)) - 1;
  return { from, to: days > 0 ? `${month}-${String(days).padStart(2, '0')}` : from, days };
}

/**
 * The scorecards of the leads the actor sees for `month`: every lead of the center for its managers, a
 * lead their own. One card per lead (a lead of several teams: the teams together).
 */
export async function scorecards(deps: ServiceDeps, actor: Actor, q: { month: string }) {
  const db = deps.store.db;
  const centerId = actor.scope.centerId;
  const cfg = await scorecardConfig(deps, actor);
  const today = await centerToday(deps, actor);
  const teams = (await listTeams(db, { centerId, scope: actor.scope })).filter((t) => t.lead_user_id !== null);
  const teamIds = teams.map((t) => t.id);
  const win = reportWindow(q.month, today);
  const facts = teamIds.length
    ? ((await computeFacts(db, centerId, { by: 'agent', month: q.month, teamIds, scope: actor.scope, now: deps.now() })).rows as AgentFactsRow[])
    : [];
  const teamFacts = teamIds.length ? await computeFacts(db, centerId, { by: 'team', month: q.month, teamIds, scope: actor.scope, now: deps.now() }) : null;
  const goalList = (await goalsOf(deps, actor, { month: q.month })).goals;
  const reports = await reportsSent(db, teamIds, win.from, win.to);
  const coaching = await coachingEntries(db, teamIds, `${q.month}-01`, monthEnd(q.month));
  const tasks = await taskCompletion(db, centerId, q.month);
  const pcfg = await peopleConfig(db, centerId);
  const attrition = await attritionStats(db, actor.scope, q.month, 1, pcfg.leaveReasons);
  const moods = await checkIns(db, { teamIds, from: `${q.month}-01`, to: monthEnd(q.month) });

  const leads = new Map<number, { leadId: number; leadName: string; teams: typeof teams }>();
  for (const t of teams) {
    const l = leads.get(t.lead_user_id!) ?? { leadId: t.lead_user_id!, leadName: t.lead_name ?? '', teams: [] };
    l.teams.push(t);
    leads.set(l.leadId, l);
  }
  return {
    month: q.month,
    config: cfg,
    cards: [...leads.values()].map((l) => {
      const ids = l.teams.map((t) => t.id);
      const agents = facts.filter((r) => r.teamId !== null && ids.includes(r.teamId));
      const checks = agents.flatMap((a) => a.targets);
      const g = goalsMetShare(goalList.filter((x) => ids.includes(x.teamId)).map((x) => x.progress.state));
      const task = tasks.find((t) => t.leadId === l.leadId);
      const att = attrition.byTeam.filter((b) => ids.includes(b.teamId)).map((b) => b.months[0]!);
      // several teams: leavers over the summed average headcount (the attrition definition over their union)
      const avg = att.reduce((s, m) => s + m.averageHeadcount, 0);
      const attritionRate = avg > 0 ? att.reduce((s, m) => s + m.leavers, 0) / avg : null;
      const ms = moods.filter((m) => ids.includes(m.team_id)).map((m) => m.mood);
      const input = {
        targets: { met: checks.filter((c) => c.met).length, judged: checks.length },
        goals: { met: g.met, judged: g.judged },
        reportDays: win.days * ids.length,
        reportsSent: ids.reduce((s, id) => s + (reports.get(id) ?? 0), 0),
        agents: agents.length,
        coachings: ids.reduce((s, id) => s + (coaching.get(id) ?? 0), 0),
        taskOnTimeRate: task?.onTimeRate ?? null,
        attritionRate,
        moodMean: ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : null,
      };
      const teamRows = (teamFacts?.rows ?? []).filter((r) => 'teamId' in r && r.teamId !== null && ids.includes(r.teamId));
      const fig = (k: 'aht' | 'qaScore' | 'adherence' | 'csat') => (teamRows.length === 1 ? teamRows[0]![k] : null);
      return {
        leadId: l.leadId,
        leadName: l.leadName,
        teams: l.teams.map((t) => ({ id: t.id, name: t.name })),
        input,
        // the team's headline figures from the facts (one team: its row; several: not summed here)
        figures: { aht: fig('aht'), qaScore: fig('qaScore'), adherence: fig('adherence'), csat: fig('csat') },
        ...leadScorecard(input, cfg),
      };
    }),
  };
}
