/**
 * The emergency call-in's tick as a server service (issue 17): every 30 s the asks whose answer time is up
 * are timed out and the next person on the list asked (src/services/duty/callinLadder.ts). Every instance
 * runs it; the store's conditional updates and one-ask-per-place make a double step harmless.
 */
import { moveCallins } from '../services/duty/callinLadder';
import type { Service } from './capability';
import { depsOf } from './route';

const EVERY_MS = 30_000;

export const callinLadderService: Service = {
  name: 'callinLadder',
  start(ctx) {
    const timer = setInterval(() => void moveCallins(depsOf(ctx)).catch((e) => console.error(`call-in step: ${(e as Error).message}`)), EVERY_MS);
    timer.unref();
    ctx.services.callinLadder = { stop: () => clearInterval(timer) };
  },
  stop(ctx) {
    const s = ctx.services.callinLadder as { stop(): void } | undefined;
    delete ctx.services.callinLadder;
    s?.stop();
  },
};
