/**
 * The daily certification check as a server service (issue 17): every hour each center is checked; the
 * first check of a local day claims it (src/store/org.ts claimDay), so several instances tell each person once.
 */
import { listCenters } from '../store/org';
import { notifyExpiringCertifications } from '../services/people/certification';
import type { Service } from './capability';
import { depsOf } from './route';

const HOUR = 3_600_000;

export async function checkCertifications(ctx: Parameters<Service['start']>[0]) {
  for (const c of await listCenters(ctx.store.db)) await notifyExpiringCertifications(depsOf(ctx), c.id);
}

export const certExpiryService: Service = {
  name: 'certExpiry',
  start(ctx) {
    const run = () => void checkCertifications(ctx).catch((e) => console.error(`certification check: ${(e as Error).message}`));
    const first = setTimeout(run, 30_000);
    const timer = setInterval(run, HOUR);
    first.unref();
    timer.unref();
    ctx.services.certExpiry = { stop: () => (clearTimeout(first), clearInterval(timer)) };
  },
  stop(ctx) {
    const s = ctx.services.certExpiry as { stop(): void } | undefined;
    delete ctx.services.certExpiry;
    s?.stop();
  },
};
