import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ServerContext } from './context';

const CHANNEL = 'callfloor_hub';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
const MAX_PAYLOAD = 7900;

/**
 * Scale-out: several stateless instances share PostgreSQL; a live message published on one is
 * NOTIFY'd and delivered by the others to their own WebSocket subscribers. Messages too large for
 * a NOTIFY payload are not forwarded (topics carry small diffs; clients re-read snapshots).
 */
export async function startPgBridge(ctx: ServerContext): Promise<() => Promise<void>> {
  if (ctx.store.dialect !== 'postgres' || !ctx.store.url) return async () => {};
  const origin = randomBytes(6).toString('hex');
  const listener = new pg.Client({ connectionString: ctx.store.url });
  await listener.connect();
  await listener.query(`LISTEN ${CHANNEL}`);
  listener.on('notification', (n) => {
    if (n.channel !== CHANNEL || !n.payload) return;
    try {
      const msg = JSON.parse(n.payload) as { o: string; t: string; d: unknown };
      if (msg.o !== origin) ctx.hub.deliver(msg.t, msg.d);
    } catch {
      /* not ours */
    }
  });
  const sender = new pg.Client({ connectionString: ctx.store.url });
  await sender.connect();
  let dropped = 0;
  ctx.hub.forward = (topic, data) => {
    const payload = JSON.stringify({ o: origin, t: topic, d: data });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
      dropped++;
      return;
    }
    sender.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch(() => {});
  };
  ctx.services.pgBridge = { origin, dropped: () => dropped };
  return async () => {
    ctx.hub.forward = undefined;
    await listener.end().catch(() => {});
    await sender.end().catch(() => {});
  };
}
