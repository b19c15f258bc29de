/** Platform API (src/contract/platform.ts): thin routes over src/services/platform — parse, call the use case, answer. */
import { platform as api } from '../../contract/platform';
import { idParams as contractIdParams } from '../../contract/atoms';
import { listCenters } from '../../store/org';
import { squadDelegation } from '../../store/people/scope';
import {
  assertSeesAgent,
  addAgent,
  addTeam,
  agentOf,
  agentsOf,
  centersOf,
  changeAgent,
  changeTeam,
  teamLeadCandidates,
  teamsOf,
} from '../../services/platform/org';
import { addUser, authenticate, changeOwnPassword, changeUser, recordSignIn, replaceRoles, setOwnLocale, usersOf } from '../../services/platform/users';
import { auditLog, changeSetting, settingOf } from '../../services/platform/settings';
import { actorOf, centerOf, depsOf, implement, scopeOf, type Caller, type RouteDef } from '../route';
import { endSession, sessionKeyOf, startSession } from '../session';
import { accessChanged } from '../live';
import type { ServerContext } from '../context';

export const idParams = contractIdParams;

/**
 * The center a caller works in, as resolved once for the request (Caller.centerId, see route.ts
 * `centerOf`): never "the first center"; a user of no center in a database of several is refused.
 * Kept async with the context for its many call sites.
 */
export async function callerCenterId(_ctx: ServerContext, c: Caller): Promise<number> {
  return centerOf(c);
}

/** Throws forbidden unless the caller may see this agent's records (the scope applied in SQL, services/platform/org.ts). */
export async function assertCanSeeAgent(ctx: ServerContext, c: Caller, agentId: number) {
  await assertSeesAgent(depsOf(ctx), actorOf(c), agentId);
}

const ok = { ok: true } as const;

export const platformRoutes: RouteDef[] = [
  implement(api.health, async ({ ctx }) => {
    await listCenters(ctx.store.db);
    // set by the demo command while its background seeding runs (src/cli/commands/demo.ts)
    const demo = ctx.services.demoLoading as { phase: string; percent: number } | undefined;
    return { ok: true as const, db: ctx.store.dialect, ...(demo ? { demo: { phase: demo.phase, percent: demo.percent } } : {}) };
  }),
  implement(api.login, async ({ body, ctx, reply }) => {
    const deps = depsOf(ctx);
    const user = await authenticate(deps, body);
    if (!user) return reply.status(401).send({ error: 'unauthorized', message: 'wrong user name or password' });
    const csrf = await startSession(ctx, reply, user.id);
    await recordSignIn(deps, user.id);
    return { csrf, user };
  }),
  implement(api.logout, async ({ ctx, req, reply, caller }) => {
    await endSession(ctx, req, reply);
    accessChanged(ctx, caller.userId, 'logout');
    return ok;
  }),
  implement(api.me, async ({ caller: c, ctx }) => ({
    user: {
      id: c.userId,
      username: c.username,
      displayName: c.displayName,
      roles: c.roles,
      agentId: c.agentId,
      centerId: c.centerId,
      ledTeamIds: c.ledTeamIds,
      squadIds: c.centerId == null ? [] : (await squadDelegation(ctx.store.db, scopeOf(c), c.agentId)).squadIds,
      locale: c.locale,
      // the center's zone: the web's "today" is the center's day, as the server files records under it
      centerTimezone: c.centerId == null ? null : ((await listCenters(ctx.store.db)).find((x) => x.id === c.centerId)?.timezone ?? null),
    },
    csrf: c.csrf,
  })),
  implement(api.setLocale, async ({ body, caller, ctx }) => {
    await setOwnLocale(depsOf(ctx), caller.userId, body.locale);
    return ok;
  }),
  implement(api.changePassword, async ({ body, caller, ctx, req }) => {
    const r = await changeOwnPassword(depsOf(ctx), caller.userId, body, sessionKeyOf(req));
    accessChanged(ctx, r.accessChanged, 'password');
    return ok;
  }),
  implement(api.centers, async ({ caller, ctx }) => centersOf(depsOf(ctx), actorOf(caller))),
  implement(api.teams, async ({ caller, ctx }) => teamsOf(depsOf(ctx), actorOf(caller))),
  implement(api.leadCandidates, async ({ caller, ctx }) => teamLeadCandidates(depsOf(ctx), actorOf(caller))),
  implement(api.createTeam, async ({ body, caller, ctx }) => {
    const r = await addTeam(depsOf(ctx), actorOf(caller), body);
    accessChanged(ctx, r.accessChanged, 'teams'); // their sockets re-read the teams they lead
    return { id: r.id };
  }),
  implement(api.updateTeam, async ({ body, params, caller, ctx }) => {
    const r = await changeTeam(depsOf(ctx), actorOf(caller), params.id, body);
    accessChanged(ctx, r.accessChanged, 'teams');
    return r.team;
  }),
  implement(api.agents, async ({ query, caller, ctx }) => agentsOf(depsOf(ctx), actorOf(caller), query)),
  implement(api.agent, async ({ params, caller, ctx }) => agentOf(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.createAgent, async ({ body, caller, ctx }) => addAgent(depsOf(ctx), actorOf(caller), body)),
  implement(api.updateAgent, async ({ body, params, caller, ctx }) => changeAgent(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.users, async ({ caller, ctx }) => usersOf(depsOf(ctx), actorOf(caller))),
  implement(api.createUser, async ({ body, caller, ctx }) => addUser(depsOf(ctx), actorOf(caller), body)),
  implement(api.setUserRoles, async ({ body, params, caller, ctx }) => {
    const r = await replaceRoles(depsOf(ctx), actorOf(caller), params.id, body.roles);
    accessChanged(ctx, r.accessChanged, r.why);
    return ok;
  }),
  implement(api.updateUser, async ({ body, params, caller, ctx, req }) => {
    const r = await changeUser(depsOf(ctx), actorOf(caller), params.id, body, sessionKeyOf(req));
    accessChanged(ctx, r.accessChanged, r.why);
    return ok;
  }),
  implement(api.audit, async ({ query, caller, ctx }) => auditLog(depsOf(ctx), actorOf(caller), query)),
  implement(api.setting, async ({ params, caller, ctx }) => settingOf(depsOf(ctx), actorOf(caller), params.key)),
  implement(api.putSetting, async ({ params, body, caller, ctx }) => {
    await changeSetting(depsOf(ctx), actorOf(caller), params.key, body.value);
    return ok;
  }),
];
