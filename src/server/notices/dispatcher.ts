/**
 * Drains the outbox of notices (store/noticeDelivery.ts): every few seconds the due deliveries are
 * claimed and sent; a failure is retried with back-off (core/notices/text.ts retryAt) up to the limit,
 * a permanent refusal is given up at once, and either way the reason stays on the delivery to be seen.
 */
import type { Store } from '../../store/db';
import { claimDue, markFailed, markSent } from '../../store/noticeDelivery';
import { noticeOpenLine } from '../../core/notices/text';
import type { Service } from '../capability';
import { DeliveryError, postRobot, sendEmail, type SmtpConfig } from './senders';

export interface DispatchConfig {
  smtp: SmtpConfig | null;
  /** the app's public address, for the link under each notice (CALLFLOOR_PUBLIC_URL) */
  appUrl: string | null;
}

export function dispatchConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DispatchConfig {
  return {
    smtp: env.CALLFLOOR_SMTP_URL ? { url: env.CALLFLOOR_SMTP_URL, from: env.CALLFLOOR_SMTP_FROM ?? 'CallFloor <callfloor@localhost>' } : null,
    appUrl: env.CALLFLOOR_PUBLIC_URL ?? null,
  };
}

/** Sends what is due now; returns how many were sent and how many failed this round. */
export async function drainOutbox(store: Store, now: number, cfg: DispatchConfig): Promise<{ sent: number; failed: number }> {
  const due = await claimDue(store.db, now);
  let sent = 0;
  let failed = 0;
  for (const d of due) {
    const open = cfg.appUrl && d.link ? `\n${noticeOpenLine(d.locale, `${cfg.appUrl.replace(/\/+$/, '')}/${d.link.replace(/^\/+/, '')}`)}` : '';
    try {
      if (!d.target) throw new DeliveryError('channel removed', true);
      if (d.channel === 'email') {
        if (!cfg.smtp) throw new DeliveryError('SMTP not configured (CALLFLOOR_SMTP_URL)');
        await sendEmail(cfg.smtp, d.target, d.subject, `${d.body}${open}`);
      } else await postRobot(d.channel, d.target, d.secret, `${d.subject}${open}`, now); // a group chat: one line says it
      await markSent(store.db, d.id, now);
      sent++;
    } catch (e) {
      const err = e instanceof DeliveryError ? e : new DeliveryError((e as Error).name);
      await markFailed(store.db, d.id, d.attempts, err.message, now, err.permanent);
      failed++;
    }
  }
  return { sent, failed };
}

/** The dispatcher as a server service: a round every 5 s (a round never overlaps the previous one). */
export const noticeDispatcherService: Service = {
  name: 'noticeDispatcher',
  async start(ctx) {
    const cfg = dispatchConfigFromEnv();
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      drainOutbox(ctx.store, ctx.now(), cfg)
        .catch((e) => console.error(`notice dispatcher: ${(e as Error).message}`))
        .finally(() => (busy = false));
    }, 5_000);
    timer.unref();
    ctx.services.noticeDispatcher = { stop: () => clearInterval(timer) };
  },
  async stop(ctx) {
    const s = ctx.services.noticeDispatcher as { stop(): void } | undefined;
    delete ctx.services.noticeDispatcher;
    s?.stop();
  },
};
