/** Care (mood check-ins and prompts, the lead's notes, employee voice, surveys): parse → src/services/people/care → answer. */
import { people as api } from '../../../contract/people';
import * as svc from '../../../services/people/care';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const careRoutes: RouteDef[] = [
  implement(api.checkIn, async ({ body, caller, ctx }) => svc.checkIn(depsOf(ctx), actorOf(caller), body)),
  implement(api.myCheckIns, async ({ caller, ctx }) => svc.myCheckIns(depsOf(ctx), actorOf(caller))),
  implement(api.moodBoard, async ({ query, caller, ctx }) => svc.moodBoard(depsOf(ctx), actorOf(caller), query)),
  implement(api.moodCycles, async ({ query, caller, ctx }) => svc.moodCycles(depsOf(ctx), actorOf(caller), query)),
  implement(api.carePrompts, async ({ query, caller, ctx }) => svc.carePrompts(depsOf(ctx), actorOf(caller), query)),
  implement(api.addNote, async ({ body, caller, ctx }) => svc.addNote(depsOf(ctx), actorOf(caller), body)),
  implement(api.notes, async ({ query, caller, ctx }) => svc.notes(depsOf(ctx), actorOf(caller), query)),
  implement(api.noteDone, async ({ params, caller, ctx }) => svc.noteDone(depsOf(ctx), actorOf(caller), params)),
  implement(api.postVoice, async ({ body, caller, ctx }) => svc.postVoice(depsOf(ctx), actorOf(caller), body)),
  implement(api.voice, async ({ caller, ctx }) => svc.voice(depsOf(ctx), actorOf(caller))),
  implement(api.replyVoice, async ({ params, body, caller, ctx }) => svc.replyVoice(depsOf(ctx), actorOf(caller), params, body)),
  implement(api.createSurvey, async ({ body, caller, ctx }) => svc.createSurvey(depsOf(ctx), actorOf(caller), body)),
  implement(api.updateSurvey, async ({ params, body, caller, ctx }) => svc.updateSurvey(depsOf(ctx), actorOf(caller), params, body)),
  implement(api.deleteSurvey, async ({ params, caller, ctx }) => svc.deleteSurvey(depsOf(ctx), actorOf(caller), params)),
  implement(api.surveys, async ({ caller, ctx }) => svc.surveys(depsOf(ctx), actorOf(caller))),
  implement(api.answerSurvey, async ({ params, body, caller, ctx }) => svc.answerSurvey(depsOf(ctx), actorOf(caller), params, body)),
  implement(api.surveyResults, async ({ params, caller, ctx }) => svc.surveyResults(depsOf(ctx), actorOf(caller), params)),
];
