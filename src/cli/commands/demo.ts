import type { Command } from 'commander';
import { demoOrg } from '../../core/demoOrg';
import type { Role } from '../../core/roles';
import { createAgent, createCenter, createTeam, createUser, countUsers, listAgents, listCenters, listTeams, listUsers, updateTeam } from '../../store/org';
import type { Store } from '../../store/db';
import { hashPassword } from '../../server/password';
import { serve } from './serve';
import type { DemoOrgIds } from '../demo/seeders';
import type { ServerContext } from '../../server/context';
import { allDemoSeeders as demoSeeders } from '../demo/index';

export const DEMO_PASSWORD = 'callfloor-demo';

/** Creates the demo organisation on an empty database; returns the ids either way. */
export async function seedDemoOrg(store: Store, now: number): Promise<{ ids: DemoOrgIds; created: boolean }> {
  const db = store.db;
  const created = (await countUsers(db)) === 0;
  if (created) {
    const o = demoOrg();
    // One hash for every demo account: they share a published password anyway.
    const hash = await hashPassword(DEMO_PASSWORD);
    await db.transaction().execute(async (tx) => {
      const centerId = await createCenter(tx, o.centerName, o.timezone, now);
      const teamIds: number[] = [];
      for (const name of o.teams) teamIds.push(await createTeam(tx, { centerId, name, leadUserId: null }, now));
      const agentIds = new Map<string, number>();
      for (const a of o.agents) agentIds.set(a.employeeNo, await createAgent(tx, { ...a, centerId, teamId: teamIds[a.team] }, now));
      for (const u of o.users) {
        const id = await createUser(
          tx,
          {
            username: u.username,
            displayName: u.displayName,
            passwordHash: hash,
            roles: u.roles as Role[],
            centerId,
            agentId: u.employeeNo ? agentIds.get(u.employeeNo)! : null,
          },
          now,
        );
        if (u.leads !== undefined) await updateTeam(tx, teamIds[u.leads], { leadUserId: id });
      }
    });
  }
  const [center] = await listCenters(db);
  const ids: DemoOrgIds = {
    centerId: center.id,
    teamIds: (await listTeams(db)).map((t) => t.id),
    agentIds: new Map((await listAgents(db)).map((a) => [a.employee_no, a.id])),
    userIds: new Map((await listUsers(db)).map((u) => [u.username, u.id])),
  };
  return { ids, created };
}

/** How far the demo's background seeding is (GET /api/health answers it while loading). */
export interface DemoLoading {
  phase: string;
  percent: number;
}
export const DEMO_LOADING = 'demoLoading';

/**
 * Seeds the demo: the quick seeders first (the organisation, people, quality, articles…), then the
 * background ones (the weeks of history and what reads it: survey answers, complaints, schedules,
 * forecasts, the month's scorecards) while the server is already answering, with their progress in
 * `ctx.services.demoLoading`; `onDone` runs after the last one (the live feed starts there).
 */
export async function seedDemo(ctx: ServerContext, ids: DemoOrgIds, log: (m: string) => void, seeders = demoSeeders): Promise<{ background: Promise<void> }> {
  for (const s of seeders)
    if (s.seed && !s.background) {
      log(`seeding ${s.name}…`);
      await s.seed(ctx, ids, log);
    }
  const later = seeders.filter((s) => s.seed && s.background);
  if (!later.length) return { background: Promise.resolve() };
  const status: DemoLoading = { phase: later[0]!.name, percent: 0 };
  ctx.services[DEMO_LOADING] = status;
  // the history is most of the work: it counts for 80 %, the rest share 20 %
  const weight = later.map((s) => (s.name === 'live floor history' ? 80 : 20 / Math.max(1, later.length - 1)));
  const total = weight.reduce((a, b) => a + b, 0);
  const background = (async () => {
    let before = 0;
    try {
      for (const [i, s] of later.entries()) {
        status.phase = s.name;
        log(`seeding ${s.name} (in the background)…`);
        await s.seed!(ctx, ids, log, (share) => {
          status.percent = Math.floor(((before + weight[i]! * Math.min(1, Math.max(0, share))) / total) * 100);
        });
        before += weight[i]!;
        status.percent = Math.floor((before / total) * 100);
      }
    } finally {
      delete ctx.services[DEMO_LOADING];
    }
  })();
  return { background };
}

export function registerDemo(program: Command) {
  program
    .command('demo')
    .description('start the server with a demo center (200 agents, 10 teams, 8 weeks of history, plans and a live feed)')
    .option('--db <target>', 'SQLite file or postgres:// URL', './data/demo.sqlite')
    .option('--port <port>', 'port', process.env.PORT ?? '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--no-live', 'do not start the simulated live feed')
    .action(async (o) => {
      const started = Date.now();
      const log = (m: string) => console.log(`[demo] ${m}`);
      const { ctx, store } = await serve({ ...o, quiet: true });
      const { ids, created } = await seedDemoOrg(store, ctx.now());
      const live = async () => {
        if (o.live) for (const s of demoSeeders) if (s.live) await s.live(ctx, ids, log);
      };
      log(`sign in as admin, manager, duty, qa, wfm, trainer, expert, lead1…lead10 or agent1…agent10 — password ${DEMO_PASSWORD}`);
      if (!created) return live();
      log('organisation created: 10 teams, 200 agents');
      const { background } = await seedDemo(ctx, ids, log);
      log(
        `serving; the quick demo data took ${((Date.now() - started) / 1000).toFixed(1)} s — the history loads in the background (GET /api/health: demo.percent)`,
      );
      // a status line while the background seeding runs
      const status = setInterval(() => {
        const s = ctx.services[DEMO_LOADING] as DemoLoading | undefined;
        if (s) log(`demo data loading ${s.percent} % (${s.phase})`);
      }, 15_000);
      status.unref();
      try {
        await background;
        log(`demo data complete in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (e) {
        log(`demo data failed: ${(e as Error).message}`);
        console.error(e);
      } finally {
        clearInterval(status);
      }
      await live();
    });
}
