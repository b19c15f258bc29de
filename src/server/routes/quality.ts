/** Quality (質檢) API: each route parses (the contract), calls its use case in src/services/quality and answers. */
import { quality as api } from '../../contract/quality';
import { isoMonth } from '../../contract/atoms';
import * as qa from '../../services/quality/index';
import { actorOf, depsOf, implement, type RouteDef } from '../route';
import type { ServerContext } from '../context';

export const month = isoMonth;

/** The current month in the center's time zone (the performance routes' default month too). */
export async function currentMonth(ctx: ServerContext, centerId: number) {
  return qa.currentMonth(depsOf(ctx), centerId);
}

export const qualityRoutes: RouteDef[] = [
  implement(api.templates, async ({ query, caller, ctx }) => qa.listTemplates(depsOf(ctx), actorOf(caller), query)),
  implement(api.saveTemplate, async ({ body, caller, ctx }) => qa.saveTemplate(depsOf(ctx), actorOf(caller), body)),
  implement(api.calls, async ({ query, caller, ctx }) => qa.listCalls(depsOf(ctx), actorOf(caller), query)),
  implement(api.registerCalls, async ({ body, caller, ctx }) => qa.registerCalls(depsOf(ctx), actorOf(caller), body)),
  implement(api.workQueue, async ({ query, caller, ctx }) => qa.listWorkQueue(depsOf(ctx), actorOf(caller), query)),
  implement(api.generateWorkQueue, async ({ body, caller, ctx }) => qa.sampleDays(depsOf(ctx), actorOf(caller), body)),
  implement(api.evaluate, async ({ body, caller, ctx }) => qa.evaluate(depsOf(ctx), actorOf(caller), body)),
  implement(api.evaluations, async ({ query, caller, ctx }) => qa.listEvaluations(depsOf(ctx), actorOf(caller), query)),
  implement(api.evaluation, async ({ params, caller, ctx }) => qa.getEvaluation(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.openDispute, async ({ params, body, caller, ctx }) => qa.openDispute(depsOf(ctx), actorOf(caller), { evaluationId: params.id, ...body })),
  implement(api.disputes, async ({ query, caller, ctx }) => qa.listDisputes(depsOf(ctx), actorOf(caller), query)),
  implement(api.decideDispute, async ({ params, body, caller, ctx }) => qa.decideDispute(depsOf(ctx), actorOf(caller), { disputeId: params.id, ...body })),
  implement(api.evaluators, async ({ caller, ctx }) => qa.listEvaluators(depsOf(ctx), actorOf(caller))),
  implement(api.calibrations, async ({ caller, ctx }) => qa.listCalibrations(depsOf(ctx), actorOf(caller))),
  implement(api.createCalibration, async ({ body, caller, ctx }) => qa.createCalibration(depsOf(ctx), actorOf(caller), body)),
  implement(api.calibration, async ({ params, caller, ctx }) => qa.getCalibration(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.closeCalibration, async ({ params, caller, ctx }) => qa.closeCalibration(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.library, async ({ caller, ctx }) => qa.listLibrary(depsOf(ctx), actorOf(caller))),
  implement(api.addToLibrary, async ({ body, caller, ctx }) => qa.addToLibrary(depsOf(ctx), actorOf(caller), body)),
  implement(api.removeFromLibrary, async ({ params, caller, ctx }) => qa.removeFromLibrary(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.reports, async ({ query, caller, ctx }) => qa.qaReport(depsOf(ctx), actorOf(caller), query)),
  implement(api.coaching, async ({ caller, ctx }) => qa.listCoaching(depsOf(ctx), actorOf(caller))),
  implement(api.createCoaching, async ({ body, caller, ctx }) => qa.createCoaching(depsOf(ctx), actorOf(caller), body)),
  implement(api.followUpCoaching, async ({ params, body, caller, ctx }) => qa.followUpCoaching(depsOf(ctx), actorOf(caller), { id: params.id, ...body })),
];
