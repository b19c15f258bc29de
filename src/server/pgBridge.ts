import { randomBytes } from 'node:crypto';
import { loadPg } from '../store/db';
import type { ServerContext } from './context';

/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
const MAX_PAYLOAD = 7900;
/** At most this many messages per NOTIFY statement (one round trip for a burst). */
const SEND_BATCH = 200;

/**
 * The NOTIFY channel of one deployment: each schema of a database is a deployment of its own (tests,
 * several tenants), so the channel names the schema and two schemas never see each other's messages.
 */
export function bridgeChannel(schema: string): string {
  return `callfloor_hub:${schema}`.slice(0, 63); // identifiers are cut at 63 bytes; schema names are short
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Scale-out: several stateless instances share PostgreSQL; a live message published on one is
 * NOTIFY'd and delivered by the others to their own WebSocket subscribers. Messages too large for
 * a NOTIFY payload are not forwarded (topics carry small diffs; clients re-read snapshots).
 *
 * The sender is one connection: messages wait in a queue and go out in order, a burst in one
 * statement, never two queries at once on the client (pg deprecates overlapping queries).
 */
export async function startPgBridge(ctx: ServerContext): Promise<() => Promise<void>> {
  if (ctx.store.dialect !== 'postgres' || !ctx.store.url) return async () => {};
  const pg = await loadPg();
  const origin = randomBytes(6).toString('hex');
  const options = ctx.store.pgSchema ? { options: `-c search_path=${ctx.store.pgSchema}` } : {};
  const listener = new pg.Client({ connectionString: ctx.store.url, ...options });
  await listener.connect();
  const schema = (await listener.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
  const channel = bridgeChannel(schema);
  await listener.query(`LISTEN ${quoteIdent(channel)}`);
  listener.on('notification', (n) => {
    if (n.channel !== channel || !n.payload) return;
    try {
      const msg = JSON.parse(n.payload) as { o: string; t: string; d: unknown };
      if (msg.o !== origin) ctx.hub.deliver(msg.t, msg.d);
    } catch {
      /* not ours */
    }
  });
  listener.on('error', () => {}); // a lost listener is noticed by its owner's next restart; never crash the process
  const sender = new pg.Client({ connectionString: ctx.store.url, ...options });
  await sender.connect();
  sender.on('error', () => {});
  let dropped = 0;
  /** numbers each message: PostgreSQL folds identical payloads sent in one transaction into one */
  let n = 0;
  let queue: string[] = [];
  let sending: Promise<void> | null = null;
  let closed = false;
  const drain = async () => {
    while (queue.length && !closed) {
      const batch = queue.length > SEND_BATCH ? queue.splice(0, SEND_BATCH) : queue;
      if (batch === queue) queue = [];
      // in one statement, in order: NOTIFYs of one transaction are delivered in the order sent
      await sender.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [channel, batch]).catch(() => {});
    }
    sending = null;
  };
  ctx.hub.forward = (topic, data) => {
    const payload = JSON.stringify({ o: origin, n: n++, t: topic, d: data });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
      dropped++;
      return;
    }
    queue.push(payload);
    sending ??= drain();
  };
  ctx.services.pgBridge = { origin, channel, dropped: () => dropped };
  return async () => {
    ctx.hub.forward = undefined;
    await sending; // what was published before the stop still goes out
    closed = true;
    await listener.end().catch(() => {});
    await sender.end().catch(() => {});
  };
}
