/**
 * The WFM demo's requests and offers (issue 15 "the demo plans"), run after next week is published:
 * - time off asked by agents for days of next week, through the same use case as the app (granted at
 *   once where the published week spares them, else waiting for their team lead with the first short interval),
 *   and one for the week after, which has no published schedule yet: it waits for lead1 (the demo's team lead);
 * - intraday offers: the proposal of the first coming day that has one (the same use case as the planner's
 *   intraday page), its overtime and VTO offers pushed to the agents concerned (bell and channels).
 * Both go through the services, so every rule the app applies holds for the demo data too.
 */
import type { ServerContext } from '../../server/context';
import type { Actor } from '../../services/context';
import { askTimeOff, decide as decideTimeOff } from '../../services/wfm/timeOff';
import { intradayPlan, pushOffers } from '../../services/wfm/intraday';
import { seededRandom } from '../../core/wfm/synthetic';
import type { DemoOrgIds } from './seeders';

const DAY = 86_400_000;
const KINDS = ['annual', 'personal', 'compensatory', 'sick'] as const;

/** The local date (YYYY-MM-DD) `days` after the one of `ts`, in a zone `tzMin` east of UTC. */
const localDate = (ts: number, tzMin: number, days = 0) => new Date(ts + tzMin * 60_000 + days * DAY).toISOString().slice(0, 10);

async function agentActor(ctx: ServerContext, org: DemoOrgIds, agentId: number): Promise<Actor> {
  const u = await ctx.store.db.selectFrom('users').select('id').where('agent_id', '=', agentId).executeTakeFirst();
  return { userId: u?.id ?? null, roles: ['agent'], scope: { kind: 'self', centerId: org.centerId, agentId }, agentId };
}

/**
 * Time off next week: two agents of lead1's team on the same day (the second may find the day short and wait
 * for lead1), and one request each from a few agents of the other teams, spread over the week. A waiting
 * request of another team is refused by its team lead, so the list shows all three states.
 * With the demo's leave headroom (wfm.ts DEMO_LEAVE_HEADROOM) next week spares all of lead1's team, so one
 * of them (E0006, or the next still on the books) also asks for Wednesday of the week after: no schedule is published for it, so the request
 * waits for lead1 (the app's rule: no plan to check it against), and lead1 has one to decide in the demo.
 */
export async function seedTimeOff(ctx: ServerContext, org: DemoOrgIds, nextWeek: string, log: (m: string) => void) {
  const deps = { store: ctx.store, now: ctx.now };
  const rnd = seededRandom(41);
  const emp = (n: number) => org.agentIds.get(`E${String(n).padStart(4, '0')}`);
  const asks: { agentId: number; date: string }[] = [];
  const day = (d: number) => new Date(Date.parse(`${nextWeek}T00:00:00Z`) + d * DAY).toISOString().slice(0, 10);
  // lead1's team (E0001…E0020; E0001 is the demo user agent1, left free to ask): E0002…E0005 on Wednesday and Thursday
  for (const n of [2, 3, 4, 5]) asks.push({ agentId: emp(n)!, date: day(n <= 3 ? 2 : 3) });
  // one agent of each other team (not the demo users, who are their teams' first agents) on a day of the week
  for (let t = 1; t < 10; t++) asks.push({ agentId: emp(t * 20 + 2 + (t % 5))!, date: day(t % 7) });
  const tally = { approved: 0, pending: 0, refused: 0 };
  const waiting: { id: number; agentId: number }[] = [];
  for (const a of asks) {
    if (!a.agentId) continue;
    const r = await askTimeOff(deps, await agentActor(ctx, org, a.agentId), {
      date: a.date,
      kind: KINDS[Math.floor(rnd() * KINDS.length)]!,
      note: rnd() < 0.5 ? '家里有事' : undefined,
    });
    tally[r.status === 'approved' ? 'approved' : 'pending']++;
    if (r.status === 'pending') waiting.push({ id: r.id, agentId: a.agentId });
  }
  // a team lead (not lead1) refuses one waiting request of their team
  const other = waiting.find((w) => w.agentId !== emp(2) && w.agentId > emp(20)!);
  if (other) {
    const team = await ctx.store.db.selectFrom('agents').select('team_id').where('id', '=', other.agentId).executeTakeFirstOrThrow();
    const lead = await ctx.store.db.selectFrom('teams').select('lead_user_id').where('id', '=', team.team_id!).executeTakeFirstOrThrow();
    if (lead.lead_user_id) {
      const leadActor: Actor = {
        userId: lead.lead_user_id,
        roles: ['team_lead'],
        scope: { kind: 'teams', centerId: org.centerId, teamIds: [team.team_id!] },
        agentId: null,
      };
      await decideTimeOff(deps, leadActor, other.id, false);
      tally.pending--;
      tally.refused++;
    }
  }
  // the week after next: not published, so the request waits for lead1 whatever next week's plan spares;
  // asked by the first agent of lead1's team from E0006 on who is still on the books (./people records leavers)
  const candidates = [6, 7, 8, 9, 10].map(emp).filter((id): id is number => id !== undefined);
  const onBooks = await ctx.store.db.selectFrom('agents').select('id').where('id', 'in', candidates).where('left_date', 'is', null).execute();
  const later = candidates.find((id) => onBooks.some((a) => a.id === id));
  let laterId: number | null = null;
  if (later) {
    const r = await askTimeOff(deps, await agentActor(ctx, org, later), { date: day(7 + 2), kind: 'annual', note: '回老家' });
    if (r.status === 'pending') laterId = r.id;
  }
  log(
    `wfm: ${asks.length} time-off requests next week: ${tally.approved} granted at once, ${tally.pending} waiting for the team lead, ${tally.refused} refused; ` +
      `${laterId ? 'one' : 'none'} for the week after (no schedule published yet) waiting for lead1`,
  );
  return { ...tally, laterId };
}

/**
 * Intraday offers: from tomorrow to the end of next week, the first day whose proposal (the published plan
 * against its requirement) offers overtime; its overtime and VTO offers (at most two of each) are pushed
 * as the planner would. Returns the day and the offers' ids.
 */
export async function seedIntradayOffers(ctx: ServerContext, org: DemoOrgIds, tzMin: number, lastDay: string, log: (m: string) => void) {
  const deps = { store: ctx.store, now: ctx.now };
  const userId = org.userIds.get('wfm') ?? null;
  const actor: Actor = { userId, roles: ['wfm'], scope: { kind: 'all', centerId: org.centerId }, agentId: null };
  for (let d = 1; d <= 14; d++) {
    const date = localDate(ctx.now(), tzMin, d);
    if (date > lastDay) break;
    const plan = await intradayPlan(deps, actor, { date });
    const ot = plan.proposals.filter((p) => p.kind === 'overtime').slice(0, 2);
    if (!ot.length) continue;
    const vto = plan.proposals.filter((p) => p.kind === 'vto').slice(0, 2);
    const offers = [...ot, ...vto].map((p) => ({ kind: p.kind, start: p.start, end: p.end, capacity: p.capacity }));
    const { ids } = await pushOffers(deps, actor, { date, offers });
    const agents = [...ot, ...vto].reduce((s, p) => s + p.agents.length, 0);
    log(`wfm: intraday ${date}: ${ot.length} overtime and ${vto.length} VTO offers pushed to ${agents} agents (the day's proposal)`);
    return { date, ids };
  }
  log('wfm: no coming day has an overtime proposal: no intraday offers pushed');
  return { date: null, ids: [] as number[] };
}
