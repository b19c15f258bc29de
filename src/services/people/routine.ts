/** The team lead's routine: an agent's record, the briefing and its notices, the shift log, post-shift reports, lead tasks. */
import { peopleConfig } from '../../store/people/common';
import * as rtn from '../../store/people/routine';
import { trainingRecord } from '../../store/people/training';
import { assertAgentInScope, teamInScope, teamsFilter } from '../../store/people/scope';
import type { Actor, ServiceDeps } from '../context';
import { notifyUsers } from '../../store/notifications';
import { NO_DELEGATION } from '../../store/scope';
import { addSquadLogEntry, squadShiftLog } from '../peer/squad';
import { publishNotices } from '../quality/common';
import { centerDay, isAboveLead, monthStart, ok, ownAgent, userOf, yearBefore, type BodyOf, type ParamsOf, type QueryOf } from './common';

export async function agentRecord(deps: ServiceDeps, actor: Actor, p: ParamsOf<'agentRecord'>) {
  const db = deps.store.db;
  await assertAgentInScope(db, actor.scope, p.id, 'id');
  const { centerId, tz } = await centerDay(deps, actor);
  const cfg = await peopleConfig(db, centerId);
  return trainingRecord(db, p.id, deps.now(), tz, cfg.skillLevels);
}

/**
 * The pre-shift briefing of a team the actor sees (default: their first). An agent gets the notices
 * and the plan for the day, not who has not read them, nor teammates' QA scores, orders or figures:
 * their own QA results, figures and targets and the team's totals only.
 */
export async function briefing(deps: ServiceDeps, actor: Actor, q: QueryOf<'briefing'>) {
  const db = deps.store.db;
  const { centerId, today, tz } = await centerDay(deps, actor);
  const teamId = await teamInScope(db, actor.scope, q.teamId);
  const cfg = await peopleConfig(db, centerId);
  const b = await rtn.briefing(db, teamId, q.date ?? today, deps.now(), { grace: cfg.attendanceGrace, signals: cfg.signals, timeZone: tz });
  if (actor.scope.kind !== 'self') return b;
  const me = actor.scope.agentId;
  return {
    ...b,
    notices: b.notices.map((n) => ({ id: n.id, text: n.text, read: me != null && n.readBy.includes(me) })),
    qa: { ...b.qa, coach: b.qa.coach.filter((c) => c.agentId === String(me)) },
    workOrders: { open: b.workOrders.open, overdue: [] },
    agents: b.agents.filter((a) => a.agentId === me),
    agentFacts: b.agentFacts.filter((a) => a.agentId === me),
    missed: { yesterday: b.missed.yesterday.filter((m) => m.agentId === me), today: b.missed.today.filter((m) => m.agentId === me) },
  };
}

export async function addNotice(deps: ServiceDeps, actor: Actor, input: BodyOf<'addNotice'>) {
  const { today } = await centerDay(deps, actor);
  const teamId = await teamInScope(deps.store.db, actor.scope, input.teamId);
  return rtn.addNotice(deps.store.db, teamId, input.date ?? today, input.text, userOf(actor), deps.now());
}

export async function readNotice(deps: ServiceDeps, actor: Actor, p: ParamsOf<'readNotice'>) {
  await rtn.markNoticeRead(deps.store.db, p.id, (await ownAgent(deps, actor)).id, deps.now());
  return ok;
}

/** A team-day's shift log: a lead's whole team's; an agent only as a squad leader, for their squad (src/services/peer/squad). */
export async function shiftLog(deps: ServiceDeps, actor: Actor, q: QueryOf<'shiftLog'>) {
  if (actor.scope.kind === 'self') return squadShiftLog(deps, actor, q);
  const { today } = await centerDay(deps, actor);
  const teamId = await teamInScope(deps.store.db, actor.scope, q.teamId);
  return rtn.shiftLogInReach(deps.store.db, actor.scope, NO_DELEGATION, teamId, q.date ?? today, actor.userId ?? 0);
}

export async function addLogEntry(deps: ServiceDeps, actor: Actor, input: BodyOf<'addLogEntry'>) {
  if (actor.scope.kind === 'self') return addSquadLogEntry(deps, actor, input);
  const { today } = await centerDay(deps, actor);
  const teamId = await teamInScope(deps.store.db, actor.scope, input.teamId);
  return rtn.addLogEntry(deps.store.db, teamId, { ...input, date: input.date ?? today }, userOf(actor), deps.now());
}

export async function sendReport(deps: ServiceDeps, actor: Actor, input: BodyOf<'sendReport'>) {
  const db = deps.store.db;
  const { centerId, today, tz } = await centerDay(deps, actor);
  const teamId = await teamInScope(db, actor.scope, input.teamId);
  const cfg = await peopleConfig(db, centerId);
  return rtn.sendPostShift(db, teamId, input.date ?? today, input, userOf(actor), deps.now(), cfg.attendanceGrace, tz);
}

/** Post-shift reports of the teams the actor sees (default: this month so far). */
export async function reports(deps: ServiceDeps, actor: Actor, q: QueryOf<'reports'>) {
  const { today } = await centerDay(deps, actor);
  const teamIds = await teamsFilter(deps.store.db, actor.scope, q.teamId);
  return rtn.listReports(deps.store.db, { teamIds, from: q.from ?? monthStart(today), to: q.to ?? today });
}

/** Each team's weeks or months (default: the last year), computed from the facts and the discipline records (store/people/routine). */
export async function reportsAggregate(deps: ServiceDeps, actor: Actor, q: QueryOf<'reportsAggregate'>) {
  const { centerId, today, tz } = await centerDay(deps, actor);
  const teamIds = await teamsFilter(deps.store.db, actor.scope, q.teamId);
  const to = q.to && q.to < today ? q.to : today;
  return (await rtn.aggregatedReports(deps.store.db, centerId, { teamIds, from: q.from ?? yearBefore(today), to }, q.by, deps.now(), tz)).map((p) => ({
    ...p,
    teamId: Number(p.teamId),
  }));
}

/** Whose tasks the actor sees: everyone's above a lead, a lead their own. */
const leadFilter = (actor: Actor) => (isAboveLead(actor) ? undefined : userOf(actor));

export const tasks = (deps: ServiceDeps, actor: Actor) => rtn.listTasks(deps.store.db, actor.scope.centerId, leadFilter(actor));

/** A task for a team lead; the lead is told (bell + their channels, issue 17). */
export async function createTask(deps: ServiceDeps, actor: Actor, input: BodyOf<'createTask'>) {
  const db = deps.store.db;
  const now = deps.now();
  const made = await rtn.createTask(db, actor.scope.centerId, input, userOf(actor), now);
  const notice = { kind: 'people.taskAssigned', title: input.title, data: { dueOn: input.dueOn }, link: '#/floor/routine' };
  publishNotices(deps, await notifyUsers(db, [input.leadId], notice, now));
  return made;
}

export const updateTask = (deps: ServiceDeps, actor: Actor, p: ParamsOf<'updateTask'>, input: BodyOf<'updateTask'>) =>
  rtn.updateTask(deps.store.db, actor.scope.centerId, p.id, input, userOf(actor), deps.now());

export const deleteTask = (deps: ServiceDeps, actor: Actor, p: ParamsOf<'deleteTask'>) =>
  rtn.deleteTask(deps.store.db, actor.scope.centerId, p.id, userOf(actor), deps.now());

export async function completeTask(deps: ServiceDeps, actor: Actor, p: ParamsOf<'completeTask'>, input: BodyOf<'completeTask'>) {
  const { today } = await centerDay(deps, actor);
  await rtn.completeTask(deps.store.db, p.id, userOf(actor), isAboveLead(actor), input?.completedOn ?? today, deps.now());
  return ok;
}

export async function taskCompletion(deps: ServiceDeps, actor: Actor, q: QueryOf<'taskCompletion'>) {
  const { today } = await centerDay(deps, actor);
  return rtn.taskCompletion(deps.store.db, actor.scope.centerId, q.month ?? today.slice(0, 7), leadFilter(actor));
}
