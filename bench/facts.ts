/**
 * Facts of a month for a 1,000-agent center (issue 11). Stored data generated the store's own way:
 * agent and call events through the real ingest (`storeEvents`: raw events + the 15-minute
 * aggregates), a published schedule (wfm runs and shifts), QA evaluations (`createEvaluation`),
 * survey answers and upheld complaints (rows as the importers write them).
 * Per agent: works 5 days in 7 (about 21 days of November 2026), 09:00–17:00 with a 30-minute break,
 * logs in 0–4 min late, 10 calls a day (ring 5 s, talk 180 s, acw 30 s), 3 survey answers a day,
 * 2 evaluations in the month; 50 upheld complaints over the center.
 *
 * Figures, medians of 3 in the same run:
 * - facts of the month for every agent (`computeFacts(by agent, month)`), against the baseline: the raw
 *   aggregate query they replace (one grouped `sum()` of the agents' telephony intervals over the month):
 *   cold (no stored agent-day yet: every closed day computed from the raw data and stored, migration 024),
 *   warm (a sum of the stored days), and after a late event batch for 10 agents (only their touched
 *   agent-days computed again);
 * - read back for a screen: the month's stored snapshot (`perf_figures`, written by `computeLiveFigures`)
 *   of one team (20 agents) and of the whole center, against the raw aggregate query for the same agents.
 * Aims: facts < 2 s, read back < 100 ms. SQLite in a temporary file; PostgreSQL when TEST_DATABASE_URL reaches one.
 * BENCH_FACTS_AGENTS overrides the center's size (default 1000).
 *
 * Generated data can be kept and reused (generation takes minutes at 1,000 agents, measuring seconds):
 * BENCH_FACTS_DB_FILE=<path> keeps the SQLite database in that file, BENCH_FACTS_PG_SCHEMA=<name> keeps the
 * PostgreSQL data in that schema of TEST_DATABASE_URL's database. The first run generates into them, later
 * runs find the bench center there (with the same number of agents) and only measure. A run over kept data
 * starts cold by deleting the center's stored agent-days; its late batch (new event ids each run) stays.
 */
import { sql } from 'kysely';
import type { CallFloorEvent } from '../src/core/events';
import type { Store } from '../src/store/db';
import { onEachStore } from './lib/stores';
import { migrate, openStore } from '../src/store/db';
import { TEST_PG_URL, postgresUnavailable } from '../src/store/testing';
import { storeEvents } from '../src/store/live/ingest';
import { publishedTestRun } from '../src/store/testing';
import { createCenter, createTeam, createUser } from '../src/store/org';
import { computeFacts } from '../src/store/facts/index';
import { gatherFacts } from '../src/store/facts/gather';
import { stateSegments } from '../src/store/wfm/floor';
import { computeLiveFigures } from '../src/store/performance/liveFigures';
import { upsertCalls } from '../src/store/quality/calls';
import { evaluate, qaActor, saveTemplate } from '../src/services/quality/index';
import { answers, fixtureTemplate } from '../src/core/quality/fixtures';
import { startOfDayMs } from '../src/core/performance/facts';

const AGENTS = Number(process.env.BENCH_FACTS_AGENTS ?? 1000);
const PER_TEAM = 20;
const CALLS = 10;
const MONTH = '2026-11';
const DAYS = 30;
const TZ = 'Asia/Shanghai';
const H = 3600_000;
const M = 60_000;
const NOW = Date.UTC(2026, 11, 5, 2); // 2026-12-05: November is closed

const code = (a: number) => `F${String(a).padStart(4, '0')}`;
const works = (a: number, d: number) => (a + d) % 7 < 5;
const dayStart = (d: number) => startOfDayMs(`${MONTH}-${String(d + 1).padStart(2, '0')}`, TZ);

function dayEvents(d: number): CallFloorEvent[] {
  const out: CallFloorEvent[] = [];
  const s0 = dayStart(d);
  let n = 0;
  const id = () => `d${d}-${++n}`;
  for (let a = 0; a < AGENTS; a++) {
    if (!works(a, d)) continue;
    const agent = code(a);
    const login = s0 + 9 * H + (a % 5) * M;
    out.push({ id: id(), ts: login, type: 'agent.login', agent }, { id: id(), ts: login, type: 'agent.ready', agent });
    for (let c = 0; c < CALLS; c++) {
      // 5 calls before the 12:00 break, 5 after, 40 minutes apart
      const t = s0 + (c < 5 ? 9 * H + 10 * M + c * 40 * M : 12.5 * H + 10 * M + (c - 5) * 40 * M) + (a % 30) * 1000;
      const callId = `c${d}-${a}-${c}`;
      out.push(
        { id: id(), ts: t, type: 'call.enqueued', callId, queue: 'general' },
        { id: id(), ts: t, type: 'agent.ringing', agent, queue: 'general' },
        { id: id(), ts: t + 5_000, type: 'call.connected', callId, queue: 'general', agent, waitS: 5 },
        { id: id(), ts: t + 5_000, type: 'agent.talking', agent, queue: 'general' },
        { id: id(), ts: t + 185_000, type: 'call.ended', callId, queue: 'general', agent },
        { id: id(), ts: t + 185_000, type: 'agent.acw', agent, queue: 'general' },
        { id: id(), ts: t + 215_000, type: 'agent.ready', agent },
      );
    }
    out.push({ id: id(), ts: s0 + 12 * H, type: 'agent.notReady', agent, reason: 'break' }, { id: id(), ts: s0 + 12.5 * H, type: 'agent.ready', agent });
    out.push({ id: id(), ts: s0 + 17 * H, type: 'agent.logout', agent });
  }
  return out.sort((x, y) => x.ts - y.ts);
}

async function generate(store: Store) {
  const db = store.db;
  const t0 = performance.now();
  const centerId = await createCenter(db, '基准中心', TZ, 0);
  const qa = await createUser(db, { username: 'qa', displayName: '质检员', passwordHash: 'x', roles: ['qa'], centerId }, 0);
  const teamIds: number[] = [];
  for (let t = 0; t < Math.ceil(AGENTS / PER_TEAM); t++) teamIds.push(await createTeam(db, { centerId, name: `第${t + 1}组`, leadUserId: null }, 0));
  const agentRows = Array.from({ length: AGENTS }, (_, a) => ({
    center_id: centerId,
    team_id: teamIds[Math.floor(a / PER_TEAM)]!,
    employee_no: `E${String(a).padStart(5, '0')}`,
    name: `坐席${a}`,
    hire_date: a % 4 ? '2024-03-01' : '2026-06-01',
    skill_level: ['junior', 'intermediate', 'senior'][a % 3]!,
    ext_code: code(a),
    status: 'active',
    created_at: 0,
  }));
  for (let i = 0; i < agentRows.length; i += 200)
    await db
      .insertInto('agents')
      .values(agentRows.slice(i, i + 200) as never)
      .execute();
  const ids = (await db.selectFrom('agents').select(['id', 'ext_code']).where('center_id', '=', centerId).orderBy('ext_code').execute()).map((r) => r.id);

  // events through the ingest, a day at a time (each batch timed: is the ingest linear in the stored data?)
  let events = 0;
  const batches: { n: number; ms: number; cpuMs: number }[] = [];
  for (let d = 0; d < DAYS; d++) {
    const ev = dayEvents(d);
    events += ev.length;
    for (let i = 0; i < ev.length; i += 20_000) {
      const t = performance.now();
      const c0 = process.cpuUsage();
      const part = ev.slice(i, i + 20_000);
      await storeEvents(store, part);
      const c = process.cpuUsage(c0);
      batches.push({ n: part.length, ms: performance.now() - t, cpuMs: (c.user + c.system) / 1000 });
    }
  }
  const tEvents = performance.now();
  // events per second over the first and the last tenth of the batches: per wall second, and per second of this
  // process's CPU (on a shared machine the wall rate follows the others' load; SQLite's work is all in this process)
  const rate = (bs: typeof batches, k: 'ms' | 'cpuMs') => Math.round(bs.reduce((a, b) => a + b.n, 0) / (bs.reduce((a, b) => a + b[k], 0) / 1000));
  const tenth = Math.max(1, Math.round(batches.length / 10));
  const [head, tail] = [batches.slice(0, tenth), batches.slice(-tenth)];
  const ingestRate = { first: rate(head, 'ms'), last: rate(tail, 'ms'), firstCpu: rate(head, 'cpuMs'), lastCpu: rate(tail, 'cpuMs') };

  // published schedule: one run a week, the shifts of the agents' work days
  const weeks = new Map<number, number>();
  const shifts: object[] = [];
  for (let d = 0; d < DAYS; d++) {
    const week = Math.floor((d + 6) / 7); // 2026-11-02 is a Monday
    if (!weeks.has(week)) {
      const ws = `2026-${week === 0 ? '10-26' : `11-${String(2 + (week - 1) * 7).padStart(2, '0')}`}`;
      weeks.set(week, await publishedTestRun(db, centerId, ws, 'bench'));
    }
    const s0 = dayStart(d);
    for (let a = 0; a < AGENTS; a++) {
      if (!works(a, d)) continue;
      const acts = [
        ['phone', 9, 12],
        ['break', 12, 12.5],
        ['phone', 12.5, 17],
      ] as const;
      shifts.push({
        run_id: weeks.get(week)!,
        agent_id: ids[a]!,
        day: d % 7,
        kind: 'shift',
        template_code: 'FT8',
        start_ts: s0 + 9 * H,
        end_ts: s0 + 17 * H,
        paid_hours: 7.5,
        activities: JSON.stringify(acts.map(([kind, f, t]) => ({ kind, start: s0 + f * H, end: s0 + t * H, paid: kind === 'phone' }))),
        updated_at: 0,
      });
    }
  }
  for (let i = 0; i < shifts.length; i += 500)
    await db
      .insertInto('wfm_shifts')
      .values(shifts.slice(i, i + 500) as never)
      .execute();

  // QA: 2 evaluated calls an agent
  const qaUser = qaActor(centerId, qa);
  const tpl = await saveTemplate({ store, now: () => 0 }, qaUser, { template: fixtureTemplate('zero') });
  const calls = ids.flatMap((agentId, a) =>
    [3, 17].map((day) => ({ id: `q${a}-${day}`, agentId, queue: 'general', startedAt: dayStart(day) + 10 * H, durationS: 180 })),
  );
  for (let i = 0; i < calls.length; i += 500) await upsertCalls(db, centerId, calls.slice(i, i + 500), 0);
  for (const [i, c] of calls.entries())
    await evaluate({ store, now: () => NOW - 2 * 86_400_000 }, qaUser, {
      callId: c.id,
      templateId: tpl.id,
      answers: answers(2, 1, 2 + (i % 3), 1),
      timeSpentS: 60,
    });

  // survey answers (3 an agent-day, scale 5) and 50 upheld complaints
  const surveys: object[] = [];
  for (let d = 0; d < DAYS; d++)
    for (let a = 0; a < AGENTS; a++)
      if (works(a, d))
        for (let k = 0; k < 3; k++)
          surveys.push({
            center_id: centerId,
            event_id: `s${d}-${a}-${k}`,
            ts: dayStart(d) + 11 * H + k * H,
            call_id: null,
            agent_id: ids[a]!,
            queue: 'general',
            score: (a + d + k) % 7 ? 5 : 3,
            scale_max: 5,
            created_at: 0,
          });
  for (let i = 0; i < surveys.length; i += 1000)
    await db
      .insertInto('survey_answers')
      .values(surveys.slice(i, i + 1000) as never)
      .execute();
  const wo = (agentId: number, at: number) => ({
    center_id: centerId,
    type: 'complaint',
    state: 'closed',
    priority: 'normal',
    category: 'service',
    title: 't',
    description: 'd',
    raised_by: qa,
    assignee: null,
    customer_id: null,
    customer_phone: null,
    call_id: null,
    parent_id: null,
    address: null,
    appointment_from: null,
    appointment_to: null,
    repeat_complainer: 0,
    qa_review: 0,
    qa_review_by: null,
    qa_review_at: null,
    created_at: at - H,
    updated_at: at,
    closed_at: at,
    sla_warn_at: at,
    sla_due_at: at,
    sla_alerted: '',
    agent_id: agentId,
    verdict: 'upheld',
    verdict_by: qa,
    verdict_at: at,
  });
  await db
    .insertInto('wo_orders')
    .values(Array.from({ length: 50 }, (_, i) => wo(ids[(i * 37) % AGENTS]!, dayStart(i % 28) + 15 * H)) as never)
    .execute();
  const tAll = performance.now();
  return {
    centerId,
    teamIds,
    ids,
    events,
    shifts: shifts.length,
    evaluations: calls.length,
    surveys: surveys.length,
    eventsS: (tEvents - t0) / 1000,
    totalS: (tAll - t0) / 1000,
    ingestRate,
  };
}
type Generated = Awaited<ReturnType<typeof generate>>;

/** The bench center already in a kept database (same size), or null: the data to measure without generating it again. */
async function kept(store: Store): Promise<Generated | null> {
  const db = store.db;
  const c = await db.selectFrom('centers').select('id').where('name', '=', '基准中心').executeTakeFirst();
  if (!c) return null;
  const ids = (await db.selectFrom('agents').select(['id', 'ext_code']).where('center_id', '=', c.id).orderBy('ext_code').execute()).map((r) => r.id);
  if (ids.length !== AGENTS) throw new Error(`the kept database holds ${ids.length} bench agents, not ${AGENTS}: use another file or schema`);
  const teamIds = (await db.selectFrom('teams').select('id').where('center_id', '=', c.id).orderBy('id').execute()).map((r) => r.id);
  const count = async (table: 'live_events' | 'wfm_shifts' | 'qa_evaluations' | 'survey_answers', late = false) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .$if(table === 'live_events' || table === 'survey_answers', (q) => q.where('center_id' as never, '=', c.id as never))
          .$if(late, (q) => q.where('id' as never, 'like', 'late-%' as never))
          .executeTakeFirstOrThrow()
      ).n,
    );
  await db.deleteFrom('fact_agent_days').where('center_id', '=', c.id).execute(); // cold again
  return {
    centerId: c.id,
    teamIds,
    ids,
    events: (await count('live_events')) - (await count('live_events', true)),
    shifts: await count('wfm_shifts'),
    evaluations: await count('qa_evaluations'),
    surveys: await count('survey_answers'),
    eventsS: 0,
    totalS: 0,
    ingestRate: { first: 0, last: 0, firstCpu: 0, lastCpu: 0 },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed<T>(runs: number, f: () => Promise<T>): Promise<{ ms: number; last: T }> {
  const ms: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await f();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), last };
}

async function measure(kind: string, store: Store) {
  const reused = await kept(store);
  const g = reused ?? (await generate(store));
  if (reused)
    console.log(
      `${kind}: kept data reused: ${AGENTS} agents, ${g.events} events (and earlier runs' late batches), ${g.shifts} shifts, ${g.evaluations} evaluations, ${g.surveys} survey answers`,
    );
  else
    console.log(
      `${kind}: generated ${AGENTS} agents, ${g.events} events (${g.eventsS.toFixed(0)} s through the ingest: ${g.ingestRate.first} events/s over the first tenth of the batches, ${g.ingestRate.last} over the last; per second of this process's CPU ${g.ingestRate.firstCpu} and ${g.ingestRate.lastCpu}), ${g.shifts} shifts, ${g.evaluations} evaluations, ${g.surveys} survey answers in ${g.totalS.toFixed(0)} s`,
    );
  const db = store.db;
  const from = dayStart(0);
  const to = startOfDayMs('2026-12-01', TZ);
  const rawAgg = (codes?: string[]) =>
    sql`select agent_code, sum(handled) as handled, sum(talk) as talk, sum(hold) as hold, sum(acw) as acw, sum(ring) as ring, sum(staffed) as staffed, sum(idle) as idle, sum(not_ready) as not_ready
        from live_agent_intervals where interval_start >= ${from} and interval_start < ${to}${codes ? sql` and agent_code in (${sql.join(codes)})` : sql``} group by agent_code`.execute(
      db,
    );
  const base = await timed(3, () => rawAgg());
  const month = () => computeFacts(db, g.centerId, { by: 'agent', month: MONTH, now: NOW });
  const cold = await timed(1, month);
  const c0 = process.cpuUsage();
  const facts = await timed(3, month);
  const c1 = process.cpuUsage(c0);
  // this process's CPU per warm run (mean of the 3): the part of the wall time that does not depend on the machine's load (SQLite)
  const factsCpuMs = Math.round((c1.user + c1.system) / 3000);
  const gather = await timed(1, () => gatherFacts(db, g.centerId, `${MONTH}-01`, `${MONTH}-30`, { now: NOW }));
  const states = await timed(1, () => stateSegments(db, { kind: 'all', centerId: g.centerId }, from, to, g.ids));
  // a late batch: 10 agents log in again on 2026-11-10 evening, one call each (ids new in every run)
  const lateDay = dayStart(9);
  const run = Date.now().toString(36);
  const late: CallFloorEvent[] = Array.from({ length: 10 }, (_, a) => {
    const agent = code(a * 7);
    const t = lateDay + 20 * H;
    return [
      { id: `late-${run}-${a}-1`, ts: t, type: 'agent.login', agent },
      { id: `late-${run}-${a}-2`, ts: t, type: 'agent.ready', agent },
      { id: `late-${run}-${a}-3`, ts: t + M, type: 'agent.ringing', agent, queue: 'general' },
      { id: `late-${run}-${a}-4`, ts: t + M + 5_000, type: 'agent.talking', agent, queue: 'general' },
      { id: `late-${run}-${a}-5`, ts: t + 4 * M, type: 'agent.ready', agent },
      { id: `late-${run}-${a}-6`, ts: t + 10 * M, type: 'agent.logout', agent },
    ] as CallFloorEvent[];
  }).flat();
  await storeEvents(store, late);
  const stale =
    AGENTS * DAYS -
    Number(
      (
        await db
          .selectFrom('fact_agent_days')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('center_id', '=', g.centerId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const afterLate = await timed(1, month);
  const a0 = facts.last.rows[0] as any;
  console.log(
    `${kind}: ${facts.last.rows.length} agent rows; e.g. ${a0.employeeNo}: handled ${a0.handled.value}, aht ${a0.aht.value}, adherence ${a0.adherence.value?.toFixed(4)}, attendance ${a0.attendance.value}, qaScore ${a0.qaScore.value}, csat ${a0.csat.value?.toFixed(4)}`,
  );
  // the month's snapshot, then a screen read back from it
  await computeLiveFigures(db, g.centerId, MONTH, { userId: null, now: NOW });
  const team = g.ids.slice(0, PER_TEAM);
  const readTeam = await timed(5, () =>
    db
      .selectFrom('perf_figures')
      .select(['agent_id', 'kpi_key', 'value', 'numerator', 'denominator', 'source', 'updated_at'])
      .where('center_id', '=', g.centerId)
      .where('month', '=', MONTH)
      .where('agent_id', 'in', team)
      .execute(),
  );
  const readAll = await timed(5, () =>
    db
      .selectFrom('perf_figures')
      .select(['agent_id', 'kpi_key', 'value', 'numerator', 'denominator', 'source', 'updated_at'])
      .where('center_id', '=', g.centerId)
      .where('month', '=', MONTH)
      .execute(),
  );
  const baseTeam = await timed(5, () => rawAgg(team.map((_, a) => code(a))));
  const line = {
    bench: 'facts',
    db: kind,
    agents: AGENTS,
    events: g.events,
    reused: !!reused,
    generationS: Math.round(g.totalS),
    ingestS: Math.round(g.eventsS),
    ingestEventsPerSFirstTenth: g.ingestRate.first,
    ingestEventsPerSLastTenth: g.ingestRate.last,
    ingestEventsPerCpuSFirstTenth: g.ingestRate.firstCpu,
    ingestEventsPerCpuSLastTenth: g.ingestRate.lastCpu,
    factsColdMs: Math.round(cold.ms),
    factsMs: Math.round(facts.ms),
    factsCpuMs,
    baselineMs: Math.round(base.ms),
    ratioCold: +(cold.ms / base.ms).toFixed(2),
    ratio: +(facts.ms / base.ms).toFixed(2),
    lateStaleAgentDays: stale,
    factsAfterLateMs: Math.round(afterLate.ms),
    gatherMs: Math.round(gather.ms),
    agentStatesMs: Math.round(states.ms),
    readTeamMs: +readTeam.ms.toFixed(1),
    readTeamRows: readTeam.last.length,
    baselineTeamMs: +baseTeam.ms.toFixed(1),
    readCenterMs: +readAll.ms.toFixed(1),
    readCenterRows: readAll.last.length,
  };
  console.log(
    `${kind}: facts of the month from stored agent-days ${line.factsMs} ms (${factsCpuMs} ms of this process's CPU) vs raw aggregate ${line.baselineMs} ms (${line.ratio}×) — aim < 2000 ms ${line.factsMs < 2000 ? 'met' : 'MISSED'}; cold (every agent-day computed from the raw data and stored) ${line.factsColdMs} ms (${line.ratioCold}×); after a late batch for 10 agents (${stale} agent-days stale) ${line.factsAfterLateMs} ms; the gather alone ${line.gatherMs} ms, reading the month's agent states ${line.agentStatesMs} ms`,
  );
  console.log(
    `${kind}: read back a team's screen (${PER_TEAM} agents, ${line.readTeamRows} stored figures) ${line.readTeamMs} ms vs raw aggregate of the same agents ${line.baselineTeamMs} ms — aim < 100 ms ${line.readTeamMs < 100 ? 'met' : 'MISSED'}; the whole center (${line.readCenterRows} figures) ${line.readCenterMs} ms`,
  );
  console.log(JSON.stringify(line));
}

const keptFile = process.env.BENCH_FACTS_DB_FILE;
const keptSchema = process.env.BENCH_FACTS_PG_SCHEMA;
if (keptFile || keptSchema) {
  // kept data: only the stores named (BENCH_FACTS_DB still picks one of them)
  const only = process.env.BENCH_FACTS_DB;
  if (keptFile && only !== 'postgres') {
    const lite = await openStore({ file: keptFile });
    await migrate(lite);
    await measure('sqlite', lite);
    await lite.close();
  }
  if (keptSchema && only !== 'sqlite') {
    const why = await postgresUnavailable();
    if (why) console.log(`postgres: skipped (${why})`);
    else {
      if (!/^[a-z_][a-z0-9_]*$/.test(keptSchema)) throw new Error('BENCH_FACTS_PG_SCHEMA: a plain lower-case name');
      const pg = await openStore({ url: TEST_PG_URL, pgSchema: keptSchema });
      await sql.raw(`create schema if not exists ${keptSchema}`).execute(pg.db);
      await migrate(pg);
      await measure('postgres', pg);
      await pg.close();
    }
  }
} else await onEachStore('BENCH_FACTS_DB', 'cf-facts-', measure);
