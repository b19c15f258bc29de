/**
 * The demo plans and scores (issue 15 "the demo plans", issue 11's demo check): the whole demo seeding
 * (quick and background seeders) into a fresh SQLite store, then
 * - at least 56 days of stored history;
 * - the forecast use case forecasts next week from it; this week and next have published schedules;
 * - next week's published plan covers ≥ 95 % of its requirement's agent-hours; the history's agents follow
 *   their day pattern (logged in on the days of their as-worked shifts only, with days off);
 * - adherence and conformance ≤ 100 % for every agent-day with a schedule;
 * - the last full month has a complete scorecard for every agent on the books, figures from the facts
 *   (no typed figure), one agent's handled and aht checked against a count of the stored events.
 * The call volume is scaled down (CALLFLOOR_DEMO_CALL_SCALE, the same simulator and days) so the test
 * stays within a few minutes on a shared machine; `npm start` runs it at full volume.
 * One file per database (demo.sqlite.test.ts, demo.postgres.test.ts): each takes minutes on a shared
 * machine (SQLite ≈ 220 s, PostgreSQL ≈ 100 s at load 20), too long together for one file's limit.
 */
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, skipWithoutPostgres } from '../../store/testing';
import { buildApp } from '../../server/app';
import { DEMO_PASSWORD, seedDemo, seedDemoOrg } from '../commands/demo';
import { signIn } from '../../server/testing';
import { computeScorecards } from '../../store/performance/figures';
import { computeFacts, type AgentFactsRow } from '../../store/facts/index';
import { gatherFacts } from '../../store/facts/gather';
import { createForecast } from '../../services/wfm/forecasts';
import { mondayOf, weekStartMs } from '../../core/wfm/rules';

process.env.CALLFLOOR_SCRYPT_LOG2N ??= '14';
process.env.CALLFLOOR_DEMO_CALL_SCALE ??= '0.02';

const DAY = 86_400_000;
const QUARTER = 15 * 60_000;
const TZ = 480;

export const DEMO_CHECK_TITLE =
  'the demo has 8 weeks of history, forecasts, published schedules for this and next week, sane adherence and complete scorecards from the facts';

export async function checkDemo(t: TestContext, kind: 'sqlite' | 'postgres') {
  if (kind === 'postgres' && (await skipWithoutPostgres(t))) return;
  const store = await freshStore(kind);
  let closeApp = async () => {};
  try {
    const now = Date.UTC(2026, 11, 6, 4); // Sunday 2026-12-06 12:00 Asia/Shanghai: the last full month is 2026-11
    const month = '2026-11';
    const { app, ctx } = await buildApp({ store, webRoot: null, now: () => now });
    closeApp = () => app.close();
    const { ids } = await seedDemoOrg(store, now);
    const { background } = await seedDemo(ctx, ids, () => {});
    await background;
    const db = store.db;

    // ≥ 56 days of history, up to the live feed's warm-up
    const span = await db
      .selectFrom('live_events')
      .select((eb) => [eb.fn.min('ts').as('first'), eb.fn.max('ts').as('last')])
      .executeTakeFirstOrThrow();
    const days = (now - Number(span.first)) / DAY;
    assert.ok(days >= 56, `${days.toFixed(1)} days of history`);
    assert.ok(Number(span.last) <= now - 30 * 60_000 && Number(span.last) > now - 3 * 3600_000, 'the history reaches today');

    // this week and next: published schedules
    const thisWeek = mondayOf(now, TZ);
    assert.equal(thisWeek, '2026-11-30');
    const nextWeek = '2026-12-07';
    const runs = await db.selectFrom('wfm_schedule_runs').select(['id', 'week_start']).where('status', '=', 'published').execute();
    for (const w of [thisWeek, nextWeek]) {
      const run = runs.find((r) => r.week_start === w);
      assert.ok(run, `a published schedule for ${w}`);
      const n = await db
        .selectFrom('wfm_shifts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('run_id', '=', run.id)
        .executeTakeFirstOrThrow();
      assert.ok(Number(n.n) > 100, `${w}: ${n.n} shifts`);
    }
    // next week's published plan covers ≥ 95 % of its requirement's agent-hours, counted here: per 15-minute
    // interval of the week, the agents whose shift has phone time over the whole interval, against the stored
    // requirement (Σ min(plan, required) / Σ required); leave granted since has taken its shifts away
    {
      const run = runs.find((r) => r.week_start === nextWeek)!;
      const { requirement_id } = await db.selectFrom('wfm_schedule_runs').select('requirement_id').where('id', '=', run.id).executeTakeFirstOrThrow();
      const req = await db.selectFrom('wfm_requirements').select('required').where('id', '=', requirement_id).executeTakeFirstOrThrow();
      const required = JSON.parse(req.required) as number[];
      assert.equal(required.length, 7 * 96, 'a requirement per 15 minutes of the week');
      const ws = weekStartMs(nextWeek, TZ);
      const plan = new Array<number>(required.length).fill(0);
      const shifts = await db.selectFrom('wfm_shifts').select(['activities']).where('run_id', '=', run.id).where('kind', '=', 'shift').execute();
      for (const sh of shifts)
        for (const a of JSON.parse(sh.activities) as { kind: string; start: number; end: number }[])
          if (a.kind === 'phone') for (let k = 0; k < plan.length; k++) if (a.start <= ws + k * QUARTER && ws + (k + 1) * QUARTER <= a.end) plan[k]!++;
      const need = required.reduce((x, r) => x + r, 0);
      const covered = required.reduce((x, r, k) => x + Math.min(r, plan[k]!), 0);
      assert.ok(need > 0, 'next week has a requirement');
      assert.ok(
        covered >= 0.95 * need,
        `next week's plan covers ${covered / 4} of ${need / 4} required agent-hours (${((100 * covered) / need).toFixed(1)} %)`,
      );
    }

    // the as-worked history follows the simulated floor's day pattern: in the last full week, every agent
    // logged in on exactly the days of their published as-worked shifts, and had days off (two at least)
    {
      const week = '2026-11-23';
      const ws = weekStartMs(week, TZ);
      const run = runs.find((r) => r.week_start === week);
      assert.ok(run, `an as-worked schedule for ${week}`);
      // agents on the books the whole week (the as-worked plan leaves out days before a hire or after a leave)
      const whole = (await db.selectFrom('agents').select(['id', 'ext_code', 'hire_date', 'left_date']).execute()).filter(
        (a) => a.ext_code && a.hire_date <= week && (a.left_date === null || a.left_date > '2026-11-29'),
      );
      const extOf = new Map(whole.map((a) => [a.id, a.ext_code!]));
      const onBooks = new Set(extOf.values());
      const planned = new Map<string, Set<number>>();
      for (const sh of await db.selectFrom('wfm_shifts').select(['agent_id', 'day']).where('run_id', '=', run.id).where('kind', '=', 'shift').execute()) {
        const ext = extOf.get(sh.agent_id);
        if (!ext) continue;
        planned.set(ext, (planned.get(ext) ?? new Set()).add(sh.day));
      }
      const worked = new Map<string, Set<number>>();
      const logins = await db
        .selectFrom('live_events')
        .select(['agent', 'ts'])
        .where('type', '=', 'agent.login')
        .where('ts', '>=', ws)
        .where('ts', '<', ws + 7 * DAY)
        .execute();
      for (const e of logins.filter((x) => onBooks.has(x.agent!)))
        worked.set(e.agent!, (worked.get(e.agent!) ?? new Set()).add(Math.floor((Number(e.ts) - ws) / DAY)));
      assert.ok(planned.size >= 150, `${planned.size} agents with as-worked shifts in ${week}`);
      const days = (x?: Set<number>) => [...(x ?? [])].sort().join(',');
      for (const ext of new Set([...planned.keys(), ...worked.keys()])) {
        assert.equal(
          days(worked.get(ext)),
          days(planned.get(ext)),
          `agent ${ext} in ${week}: logged in on days [${days(worked.get(ext))}], planned [${days(planned.get(ext))}]`,
        );
        assert.ok((planned.get(ext)?.size ?? 0) <= 5, `agent ${ext} works ${planned.get(ext)?.size} days of ${week}: no days off`);
      }
    }

    // future peak slots next week
    const slots = await db.selectFrom('wfm_peak_slots').select(['start_ts']).execute();
    assert.ok(slots.filter((s) => Number(s.start_ts) >= weekStartMs(nextWeek, TZ)).length >= 2);

    // ---- next week's plans as a planner, a team lead and an agent find them (issue 15 "the demo plans")
    const nextRun = runs.find((r) => r.week_start === nextWeek)!;
    const nextShifts = await db
      .selectFrom('wfm_shifts')
      .select(['id', 'agent_id', 'day', 'kind', 'start_ts', 'end_ts'])
      .where('run_id', '=', nextRun.id)
      .execute();
    const contracts = await db.selectFrom('wfm_contracts').select(['agent_id', 'spec', 'skills', 'skill_levels']).execute();
    // contracts with day rules, kept by next week's schedule: a full-timer's days off include two in a row
    const spec = new Map(
      contracts.map((c) => [c.agent_id, JSON.parse(c.spec) as { minConsecutiveDaysOff?: number; weekendsOff?: { min: number; weeks: number } }]),
    );
    const inARow = [...spec].filter(([, c]) => (c.minConsecutiveDaysOff ?? 0) >= 2).map(([id]) => id);
    assert.ok(inARow.length >= 100, `${inARow.length} contracts with two days off in a row`);
    assert.ok(
      [...spec.values()].some((c) => c.weekendsOff && c.weekendsOff.min >= 1),
      'a contract with a weekend rule',
    );
    for (const id of inARow) {
      const worked = new Set(nextShifts.filter((x) => x.agent_id === id && x.kind === 'shift').map((x) => x.day));
      if (worked.size === 0) continue;
      const pairs = [0, 1, 2, 3, 4, 5].filter((d) => !worked.has(d) && !worked.has(d + 1));
      assert.ok(pairs.length > 0, `agent ${id} works days ${[...worked].join(',')} next week: no two days off in a row`);
    }
    // multi-skill: agents with at least two queues as skills, each with a proficiency 1…5
    const multi = contracts.filter((c) => {
      const levels = JSON.parse(c.skill_levels) as Record<string, number>;
      const queues = (JSON.parse(c.skills) as string[]).filter((q) => q !== 'voice');
      return queues.length >= 2 && queues.every((q) => Number.isInteger(levels[q]) && levels[q]! >= 1 && levels[q]! <= 5);
    });
    assert.ok(multi.length >= 100, `${multi.length} agents with two or more leveled skills`);
    // shrinkage planned by category: 3 + 2 + 2 + 5 + 3 = 15 %
    const shrink = await db.selectFrom('wfm_shrinkage').select(['category', 'fraction']).where('center_id', '=', ids.centerId).execute();
    assert.ok(shrink.length >= 5, `${shrink.length} shrinkage categories`);
    assert.ok(Math.abs(shrink.reduce((s, r) => s + Number(r.fraction), 0) - 0.15) < 1e-9);
    // time off next week: granted requests free the agent's shift of that day and are leave; others wait with a reason;
    // and one for the week after, which has no published schedule: it waits for the team lead
    const timeOff = await db.selectFrom('wfm_time_off').selectAll().where('center_id', '=', ids.centerId).execute();
    const nextDates = Array.from({ length: 7 }, (_, d) => new Date(Date.parse(`${nextWeek}T00:00:00Z`) + d * DAY).toISOString().slice(0, 10));
    const weekAfter = '2026-12-14';
    assert.ok(!runs.some((r) => r.week_start === weekAfter), `no schedule published for ${weekAfter}`);
    const laterDates = nextDates.map((d) => new Date(Date.parse(`${d}T00:00:00Z`) + 7 * DAY).toISOString().slice(0, 10));
    assert.ok(timeOff.filter((r) => nextDates.includes(r.date)).length >= 10, `${timeOff.length} time-off requests next week`);
    assert.ok(
      timeOff.every((r) => nextDates.includes(r.date) || laterDates.includes(r.date)),
      `time off asked for ${timeOff.map((r) => r.date).join(', ')}: next week and the week after only`,
    );
    const granted = timeOff.filter((r) => r.status === 'approved');
    assert.ok(granted.length >= 1, 'a request granted');
    const leave = await db.selectFrom('wfm_leave').select(['agent_id', 'date']).execute();
    for (const r of granted) {
      const d = nextDates.indexOf(r.date);
      assert.ok(
        !nextShifts.some((x) => x.agent_id === r.agent_id && x.day === d && x.kind === 'shift'),
        `agent ${r.agent_id} has leave and a shift on ${r.date}`,
      );
      assert.ok(
        leave.some((l) => l.agent_id === r.agent_id && l.date === r.date),
        `agent ${r.agent_id}: no leave on ${r.date}`,
      );
    }
    // waiting next week: the gap granting it would leave; the week after: no plan to check it against
    for (const r of timeOff.filter((x) => x.status === 'pending' && nextDates.includes(x.date)))
      assert.ok(r.short_at !== null && Number(r.short) > 0, `request ${r.id} waits without a reason`);
    // a request waits for a team lead of the demo (lead1…lead10, who sign in), and that lead sees it in their
    // list through the app (their teams' scope); the lead of another team does not
    const waiting = timeOff.filter((r) => r.status === 'pending');
    assert.ok(waiting.length >= 1, 'a time-off request waits for the team lead');
    const teams = await db.selectFrom('teams').select(['id', 'lead_user_id']).where('center_id', '=', ids.centerId).execute();
    const agentTeam = new Map((await db.selectFrom('agents').select(['id', 'team_id']).execute()).map((a) => [a.id, a.team_id]));
    const leadOf = (agentId: number) => teams.find((x) => x.id === agentTeam.get(agentId))?.lead_user_id ?? null;
    const leadName = (userId: number | null) => [...ids.userIds].find(([, id]) => id === userId)?.[0];
    const toDecide = waiting.find((r) => /^lead\d+$/.test(leadName(leadOf(r.agent_id)) ?? ''));
    assert.ok(toDecide, `a waiting request of a demo team lead's team (waiting: ${waiting.map((r) => r.agent_id).join(', ')})`);
    const lead = leadName(leadOf(toDecide.agent_id))!;
    const seen = await (await signIn(app, lead, DEMO_PASSWORD)).req('GET', '/api/wfm/time-off?status=pending');
    assert.equal(seen.status, 200);
    assert.ok(
      (seen.body as { id: number }[]).some((r) => r.id === toDecide.id),
      `${lead} sees the waiting request ${toDecide.id} of their team`,
    );
    const otherLead = lead === 'lead1' ? 'lead2' : 'lead1';
    const notSeen = await (await signIn(app, otherLead, DEMO_PASSWORD)).req('GET', '/api/wfm/time-off?status=pending');
    assert.equal(notSeen.status, 200);
    assert.ok(!(notSeen.body as { id: number }[]).some((r) => r.id === toDecide.id), `${otherLead} sees request ${toDecide.id} of another team`);
    // an overtime offer on a coming interval, pushed to agents whose shift of that day it extends
    const offers = await db.selectFrom('wfm_intraday_offers').selectAll().where('center_id', '=', ids.centerId).execute();
    const ot = offers.filter((o) => o.kind === 'overtime' && Number(o.start_ts) > now && Number(o.end_ts) > Number(o.start_ts));
    assert.ok(ot.length >= 1, 'an overtime offer on a coming interval');
    const offerAgents = await db.selectFrom('wfm_intraday_offer_agents').selectAll().where('offer_id', '=', ot[0]!.id).execute();
    assert.ok(offerAgents.length >= ot[0]!.capacity && ot[0]!.capacity >= 1, `${offerAgents.length} agents for ${ot[0]!.capacity} places`);
    const shiftById = new Map(nextShifts.map((x) => [x.id, x]));
    for (const a of offerAgents) {
      const sh = shiftById.get(a.shift_id);
      assert.ok(sh && sh.agent_id === a.agent_id, `offer agent ${a.agent_id}: shift ${a.shift_id} is not theirs next week`);
      // taking it: the shift stretched to cover the offer's window, longer by more than nothing and at most 2 hours
      assert.equal(Number(a.new_start_ts), Math.min(Number(sh.start_ts), Number(ot[0]!.start_ts)));
      assert.equal(Number(a.new_end_ts), Math.max(Number(sh.end_ts), Number(ot[0]!.end_ts)));
      const added = Number(a.new_end_ts) - Number(a.new_start_ts) - (Number(sh.end_ts) - Number(sh.start_ts));
      assert.ok(added > 0 && added <= 2 * 3_600_000, `offer agent ${a.agent_id}: ${added / 60_000} min more`);
    }

    // the planner re-forecasts one queue for the rest of today: this week's requirement (as worked) has a split by
    // queue, so the queue's part is replaced (without one the re-forecast is refused)
    const today = new Date(now + TZ * 60_000).toISOString().slice(0, 10);
    const replan = await (await signIn(app, 'wfm', DEMO_PASSWORD)).req('GET', `/api/wfm/intraday/plan?date=${today}&queue=general`);
    assert.equal(replan.status, 200, JSON.stringify(replan.body));
    const rb = replan.body as { source: string; basis: { queue: string | null } };
    assert.equal(rb.source, 'reforecast');
    assert.equal(rb.basis.queue, 'general');

    // the forecast use case forecasts next week from the stored history
    const wfmUser = ids.userIds.get('wfm')!;
    const actor = { userId: wfmUser, roles: ['wfm' as const], scope: { kind: 'all' as const, centerId: ids.centerId }, agentId: null };
    const f = await createForecast({ store, now: () => now }, actor, {
      queue: 'general',
      intervalMin: 30,
      model: 'holtWinters',
      weeksAhead: 2,
      adjustments: [],
    });
    const pts = await db.selectFrom('wfm_forecast_points').select(['ts', 'offered']).where('forecast_id', '=', f.id).execute();
    const nws = weekStartMs(nextWeek, TZ);
    const nextWeekPts = pts.filter((p) => Number(p.ts) >= nws && Number(p.ts) < nws + 7 * DAY);
    assert.equal(nextWeekPts.length, 7 * 48, 'every half hour of next week');
    assert.ok(nextWeekPts.reduce((s, p) => s + p.offered, 0) > 0);

    // adherence and conformance ≤ 100 % for every agent-day of the last full month (and some days had a schedule)
    const g = await gatherFacts(db, ids.centerId, '2026-11-01', '2026-11-30', { now });
    let agentDays = 0;
    for (const [agentId, byDay] of g.days)
      for (const [date, p] of byDay) {
        if (!p.schedule) continue;
        agentDays++;
        assert.ok(p.schedule.adherentS <= p.schedule.scheduledS + 1e-6, `agent ${agentId} ${date}: adherence over 100 %`);
        assert.ok(p.schedule.workedS <= p.schedule.scheduledS + 1e-6, `agent ${agentId} ${date}: conformance over 100 %`);
      }
    // the floor works four days in seven (core/sim DEFAULT_DEMO_CONFIG): 200 agents × 30 days × 4/7 ≈ 3,430; 150 on the books at least
    assert.ok(agentDays > (150 * 30 * 4) / 7, `${agentDays} scheduled agent-days`);

    // the last full month: a complete scorecard for every agent on the books, nothing typed
    const typed = await db.selectFrom('perf_figures').select('agent_id').where('month', '=', month).where('source', '!=', 'live').execute();
    assert.equal(typed.length, 0, 'no typed figure for the month');
    const agents = await db.selectFrom('agents').select(['id', 'ext_code', 'hire_date', 'left_date', 'status']).where('center_id', '=', ids.centerId).execute();
    const onBooks = agents.filter((a) => a.hire_date <= '2026-11-30' && (a.status === 'active' || a.left_date === null || a.left_date >= '2026-11-01'));
    const sc = await computeScorecards(db, ids.centerId, month, now);
    assert.equal(sc.cards.length, onBooks.length, 'a card for every agent on the books');
    const incomplete = sc.cards.filter((c) => !c.complete).map((c) => `${c.employeeNo}: ${c.missing.join(',')}`);
    // an agent hired during the month or who left in it may miss a figure: it must then say why
    const facts = await computeFacts(db, ids.centerId, { by: 'agent', month, now });
    const rowOf = new Map((facts.rows as AgentFactsRow[]).map((r) => [String(r.agentId), r]));
    for (const c of sc.cards)
      for (const k of c.missing) {
        const fact = (rowOf.get(c.agentId) as unknown as Record<string, { reason?: string }>)[k];
        assert.ok(fact?.reason, `${c.employeeNo} ${k} is missing without a reason`);
      }
    assert.ok(incomplete.length <= onBooks.length * 0.1, `incomplete: ${incomplete.join('; ')}`);
    for (const c of sc.cards) for (const src of Object.values(c.sources)) assert.notEqual(src, 'manual');

    // one agent's handled and aht against the stored events, counted here: calls ended or transferred by
    // the agent, and the time between the agent's state events in talking, hold and acw
    const a = onBooks.find((x) => x.status === 'active' && x.ext_code === '1001') ?? onBooks.find((x) => x.status === 'active')!;
    const from = Date.UTC(2026, 10, 1) - TZ * 60_000;
    const to = Date.UTC(2026, 11, 1) - TZ * 60_000;
    const evs = await db
      .selectFrom('live_events')
      .select(['ts', 'type', 'call_id'])
      .where('agent', '=', a.ext_code)
      .where('ts', '>=', from)
      .where('ts', '<', to)
      .orderBy('ts')
      .orderBy('seq')
      .execute();
    const handled = new Set(evs.filter((e) => e.type === 'call.ended' || e.type === 'call.transferred').map((e) => `${e.type}:${e.call_id}`)).size;
    let work = 0;
    const states = evs.filter((e) => e.type.startsWith('agent.'));
    for (let i = 0; i + 1 < states.length; i++)
      if (['agent.talking', 'agent.hold', 'agent.acw'].includes(states[i]!.type)) work += Number(states[i + 1]!.ts) - Number(states[i]!.ts);
    const card = sc.cards.find((c) => c.agentId === String(a.id))!;
    const row = rowOf.get(String(a.id))!;
    assert.ok(handled > 0);
    assert.equal(row.handled.value, handled, 'handled');
    assert.ok(Math.abs((row.aht.value as number) - work / 1000 / handled) < 0.01, `aht ${row.aht.value} vs ${work / 1000 / handled}`);
    const ahtLine = card.lines.find((l) => l.key === 'aht');
    if (ahtLine) assert.ok(Math.abs(ahtLine.actual! - work / 1000 / handled) < 0.01, 'the card shows the same aht');
  } finally {
    await closeApp();
    await store.close();
  }
}
