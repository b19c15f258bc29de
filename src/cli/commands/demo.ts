import type { Command } from 'commander';
import { demoOrg } from '../../core/demoOrg';
import type { Role } from '../../core/roles';
import { createAgent, createCenter, createTeam, createUser, countUsers, listAgents, listCenters, listTeams, listUsers, updateTeam } from '../../store/org';
import type { Store } from '../../store/db';
import { hashPassword } from '../../server/password';
import { serve } from './serve';
import type { DemoOrgIds } from '../demo/seeders';
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

export function registerDemo(program: Command) {
  program
    .command('demo')
    .description('start the server with a demo center (200 agents, 10 teams, history and a live feed)')
    .option('--db <target>', 'SQLite file or postgres:// URL', './data/demo.sqlite')
    .option('--port <port>', 'port', process.env.PORT ?? '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--no-live', 'do not start the simulated live feed')
    .action(async (o) => {
      const log = (m: string) => console.log(`[demo] ${m}`);
      const { ctx, store } = await serve({ ...o, quiet: true });
      const { ids, created } = await seedDemoOrg(store, ctx.now());
      if (created) {
        log('organisation created: 10 teams, 200 agents');
        for (const s of demoSeeders)
          if (s.seed) {
            log(`seeding ${s.name}…`);
            await s.seed(ctx, ids, log);
          }
      }
      if (o.live) for (const s of demoSeeders) if (s.live) await s.live(ctx, ids, log);
      log(`sign in as admin, manager, duty, qa, wfm, trainer, expert, lead1…lead10 or agent1…agent10 — password ${DEMO_PASSWORD}`);
    });
}
