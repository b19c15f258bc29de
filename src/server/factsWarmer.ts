/**
 * Closed days computed before anyone asks (issue 11): a month of facts is a sum of stored agent-days, but
 * the first read of a month whose days are not stored yet computes them from the raw events (seconds at
 * a 1,000-agent center). This service reads each center's current and previous month by agent in the
 * background, which stores every closed day not stored yet (claims keep two instances from storing one day
 * twice), so a screen reads a warm month. Late data deletes the days it touches; the next pass stores them again.
 */
import type { Service } from './capability';
import type { ServerContext } from './context';
import { zoneOffsetMin } from '../core/timezone';
import { listCenters } from '../store/org';
import { computeFacts } from '../store/facts/index';

/** YYYY-MM of an instant in a zone, and of the month before. */
function monthsAt(tz: string, now: number): [string, string] {
  const local = new Date(now + zoneOffsetMin(tz, now) * 60_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth(); // 0-based
  const fmt = (yy: number, mm: number) => `${yy}-${String(mm + 1).padStart(2, '0')}`;
  return [fmt(y, m), m === 0 ? fmt(y - 1, 11) : fmt(y, m - 1)];
}

/** One pass: every center's previous and current month, by agent (what is stored stays; what is missing is stored). */
export async function warmFacts(ctx: Pick<ServerContext, 'store' | 'now'>): Promise<{ months: number }> {
  let months = 0;
  for (const c of await listCenters(ctx.store.db)) {
    const [current, previous] = monthsAt(c.timezone, ctx.now());
    for (const month of [previous, current]) {
      await computeFacts(ctx.store.db, c.id, { by: 'agent', month, now: ctx.now() });
      months++;
    }
  }
  return { months };
}

/** Every `everyMin` minutes (first after `firstAfterS` seconds); CALLFLOOR_FACTS_WARM_MIN=0 turns it off. State per app (ctx.services). */
export function factsWarmerService(opts: { everyMin?: number; firstAfterS?: number } = {}): Service {
  return {
    name: 'factsWarmer',
    start(ctx) {
      const everyMin = opts.everyMin ?? Number(process.env.CALLFLOOR_FACTS_WARM_MIN ?? 10);
      if (!(everyMin > 0)) return;
      const st = { timer: null as NodeJS.Timeout | null, running: null as Promise<unknown> | null, stopped: false };
      const schedule = (ms: number) => {
        st.timer = setTimeout(() => {
          st.running = warmFacts(ctx)
            .catch((e: unknown) => console.error(`facts warmer: ${(e as Error).message}`))
            .finally(() => {
              st.running = null;
              if (!st.stopped) schedule(everyMin * 60_000);
            });
        }, ms);
        st.timer.unref();
      };
      schedule((opts.firstAfterS ?? 60) * 1000);
      ctx.services.factsWarmer = st;
    },
    async stop(ctx) {
      const st = ctx.services.factsWarmer as { timer: NodeJS.Timeout | null; running: Promise<unknown> | null; stopped: boolean } | undefined;
      delete ctx.services.factsWarmer;
      if (!st) return;
      st.stopped = true;
      if (st.timer) clearTimeout(st.timer);
      await st.running;
    },
  };
}
