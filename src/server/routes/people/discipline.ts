/** Discipline (settings, rules, violations, the team fund) and attendance: parse → src/services/people/discipline → answer. */
import { people as api } from '../../../contract/people';
import * as svc from '../../../services/people/discipline';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const disciplineRoutes: RouteDef[] = [
  implement(api.config, async ({ caller, ctx }) => svc.config(depsOf(ctx), actorOf(caller))),
  implement(api.rules, async ({ caller, ctx }) => svc.rules(depsOf(ctx), actorOf(caller))),
  implement(api.saveRules, async ({ body, caller, ctx }) => svc.saveRules(depsOf(ctx), actorOf(caller), body)),
  implement(api.recordViolation, async ({ body, caller, ctx }) => svc.recordViolation(depsOf(ctx), actorOf(caller), body)),
  implement(api.violations, async ({ query, caller, ctx }) => svc.violations(depsOf(ctx), actorOf(caller), query)),
  implement(api.fund, async ({ query, caller, ctx }) => svc.fund(depsOf(ctx), actorOf(caller), query)),
  implement(api.spend, async ({ body, caller, ctx }) => svc.spend(depsOf(ctx), actorOf(caller), body)),
  implement(api.importAttendance, async ({ body, caller, ctx }) => svc.importAttendance(depsOf(ctx), actorOf(caller), body)),
  implement(api.attendance, async ({ query, caller, ctx }) => svc.attendance(depsOf(ctx), actorOf(caller), query)),
];
