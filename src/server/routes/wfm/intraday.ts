/** Intraday re-optimisation: gap chart and proposal, break moves, offers and answers (src/services/wfm/intraday). */
import { intraday as api } from '../../../contract/wfmIntraday';
import * as svc from '../../../services/wfm/intraday';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const intradayRoutes: RouteDef[] = [
  implement(api.intradaySettings, async ({ caller, ctx }) => svc.intradaySettings(depsOf(ctx), actorOf(caller).scope.centerId)),
  implement(api.putIntradaySettings, async ({ body, caller, ctx }) => svc.setIntradaySettings(depsOf(ctx), actorOf(caller), body)),
  implement(api.intradayPlan, async ({ query, caller, ctx }) => svc.intradayPlan(depsOf(ctx), actorOf(caller), query)),
  implement(api.intradayBreaks, async ({ body, caller, ctx }) => svc.acceptBreakMoves(depsOf(ctx), actorOf(caller), body)),
  implement(api.intradayOffers, async ({ body, caller, ctx }) => svc.pushOffers(depsOf(ctx), actorOf(caller), body)),
  implement(api.myIntradayOffers, async ({ caller, ctx }) => svc.myOffers(depsOf(ctx), actorOf(caller))),
  implement(api.answerIntradayOffer, async ({ params, body, caller, ctx }) => svc.answer(depsOf(ctx), actorOf(caller), params.id, body.accept)),
];
