/** Shift templates, agent contracts, optimiser runs (solved in a worker thread), publication, hand edits, the agent's own week (src/services/wfm/schedules). */
import { wfm as api } from '../../../contract/wfm';
import * as sched from '../../../services/wfm/schedules';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';
import * as multiSkill from '../../../services/wfm/multiSkill';
import { solveInWorker, solveMultiSkillInWorker, solveWeeksInWorker } from '../../wfm/solver';

export { waitForSolve } from '../../../services/wfm/schedules';

export const schedulesRoutes: RouteDef[] = [
  implement(api.templates, async ({ caller, ctx }) => sched.templates(depsOf(ctx), actorOf(caller))),
  implement(api.putTemplate, async ({ body, caller, ctx }) => sched.saveTemplate(depsOf(ctx), actorOf(caller), body)),
  implement(api.contracts, async ({ caller, ctx }) => sched.contracts(depsOf(ctx), actorOf(caller))),
  implement(api.putContract, async ({ params, body, caller, ctx }) => sched.saveContract(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.startRun, async ({ body, caller, ctx }) => sched.startRun(depsOf(ctx), actorOf(caller), body, solveInWorker, solveWeeksInWorker)),
  implement(api.multiSkillPlan, async ({ body, caller, ctx }) => multiSkill.multiSkillPlan(depsOf(ctx), actorOf(caller), body, solveMultiSkillInWorker)),
  implement(api.runs, async ({ caller, ctx }) => sched.runs(depsOf(ctx), actorOf(caller))),
  implement(api.run, async ({ params, caller, ctx }) => sched.runView(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.publishRun, async ({ params, body, caller, ctx }) => sched.publish(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.moveShift, async ({ params, body, caller, ctx }) => sched.moveShiftTo(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.mySchedule, async ({ query, caller, ctx }) => sched.mySchedule(depsOf(ctx), actorOf(caller), query)),
];
