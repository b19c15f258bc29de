/** The team lead's routine (an agent's record, briefing, notices, shift log, reports, lead tasks): parse → src/services/people/routine → answer. */
import { people as api } from '../../../contract/people';
import * as svc from '../../../services/people/routine';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const routineRoutes: RouteDef[] = [
  implement(api.agentRecord, async ({ params, caller, ctx }) => svc.agentRecord(depsOf(ctx), actorOf(caller), params)),
  implement(api.briefing, async ({ query, caller, ctx }) => svc.briefing(depsOf(ctx), actorOf(caller), query)),
  implement(api.addNotice, async ({ body, caller, ctx }) => svc.addNotice(depsOf(ctx), actorOf(caller), body)),
  implement(api.readNotice, async ({ params, caller, ctx }) => svc.readNotice(depsOf(ctx), actorOf(caller), params)),
  implement(api.shiftLog, async ({ query, caller, ctx }) => svc.shiftLog(depsOf(ctx), actorOf(caller), query)),
  implement(api.addLogEntry, async ({ body, caller, ctx }) => svc.addLogEntry(depsOf(ctx), actorOf(caller), body)),
  implement(api.sendReport, async ({ body, caller, ctx }) => svc.sendReport(depsOf(ctx), actorOf(caller), body)),
  implement(api.reports, async ({ query, caller, ctx }) => svc.reports(depsOf(ctx), actorOf(caller), query)),
  implement(api.reportsAggregate, async ({ query, caller, ctx }) => svc.reportsAggregate(depsOf(ctx), actorOf(caller), query)),
  implement(api.tasks, async ({ caller, ctx }) => svc.tasks(depsOf(ctx), actorOf(caller))),
  implement(api.createTask, async ({ body, caller, ctx }) => svc.createTask(depsOf(ctx), actorOf(caller), body)),
  implement(api.updateTask, async ({ params, body, caller, ctx }) => svc.updateTask(depsOf(ctx), actorOf(caller), params, body)),
  implement(api.deleteTask, async ({ params, caller, ctx }) => svc.deleteTask(depsOf(ctx), actorOf(caller), params)),
  implement(api.completeTask, async ({ params, body, caller, ctx }) => svc.completeTask(depsOf(ctx), actorOf(caller), params, body)),
  implement(api.taskCompletion, async ({ query, caller, ctx }) => svc.taskCompletion(depsOf(ctx), actorOf(caller), query)),
];
