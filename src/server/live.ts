import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors';
import type { ServerContext } from './context';
import { centerTopic } from './hub';
import type { Caller } from './route';
import { resolveSessionKey, sessionOf, type ResolvedSession } from './session';

/**
 * Which caller may subscribe to which live topic: the rules of the app's capabilities
 * (`ctx.composition.topicRules`, capability.ts); a topic no rule allows is refused. Rules are checked
 * at subscribe time AND again for every message delivered, against the subscriber's current session
 * and roles (cached per socket, refreshed on access changes).
 */
export type TopicRule = (caller: Caller, topic: string) => boolean;

/**
 * Topics of one center (the live floor's tiles, queues, alerts, prompts; `centerTopics` of a
 * capability): a socket subscribes by the plain name and is given its own center's hub topic
 * (`centerTopic(caller.centerId, name)`); a caller with no center (several centers, none of their own)
 * is refused such topics. Returns the hub topic a socket of this caller listens on (null: refused).
 */
function hubTopicOf(ctx: ServerContext, c: Caller, t: string): string | null {
  if (!ctx.composition.isCenterTopic(t)) return t;
  return c.centerId == null ? null : centerTopic(c.centerId, t);
}

/**
 * Per-message filter for topics whose records are scoped by more than roles (e.g. work orders:
 * raised by, assigned to, handled by): a message goes to a subscriber only when the filter says
 * the REST API would show that record to them. Filters may read the store.
 */
export type TopicFilter = (ctx: ServerContext, caller: Caller, data: unknown) => boolean | Promise<boolean>;

/** Handlers for messages a socket sends besides subscribe (e.g. CTI event push): `socketHandlers` of a capability. */
export type SocketMessageHandler = (ctx: ServerContext, caller: Caller, msg: Record<string, unknown>) => Promise<unknown>;

/**
 * Internal hub topic announcing that a user's access may have changed (logout, roles, activation,
 * password, teams led). Never subscribable by a socket; crosses instances over the PostgreSQL bridge.
 */
export const ACCESS_TOPIC = '$access';

export type AccessChange = 'logout' | 'roles' | 'active' | 'password' | 'teams';

/** Tells every instance to re-check the sockets of these users now (closing those that lost access). */
export function accessChanged(ctx: ServerContext, userIds: number | number[], why: AccessChange) {
  for (const userId of Array.isArray(userIds) ? userIds : [userIds]) ctx.hub.publish(ACCESS_TOPIC, { userId, why });
}

/** Close codes: the session ended (sign in again) / the user's access changed (reconnect re-checks). */
export const CLOSE_SESSION_ENDED = 4401;
export const CLOSE_ACCESS_CHANGED = 4403;

/** Re-check of every open socket's session, also without an access event (expiry, changes by the CLI). */
const RECHECK_MS = 60_000;

const sameAccess = (a: Caller, b: Caller) =>
  a.userId === b.userId &&
  a.centerId === b.centerId &&
  a.agentId === b.agentId &&
  [...a.roles].sort().join() === [...b.roles].sort().join() &&
  [...a.ledTeamIds].sort((x, y) => x - y).join() === [...b.ledTeamIds].sort((x, y) => x - y).join();

/** Origins allowed besides the request's own host: the option, else CALLFLOOR_ALLOWED_ORIGINS (comma-separated). */
export function allowedOriginsFrom(opt: readonly string[] | undefined): string[] {
  const list = opt ?? (process.env.CALLFLOOR_ALLOWED_ORIGINS ?? '').split(',');
  return list.map((o) => o.trim().replace(/\/+$/, '').toLowerCase()).filter(Boolean);
}

/**
 * A browser's socket must come from a page of this server (Origin host = Host) or an allowed
 * origin; clients that send no Origin (CTI push clients, scripts) are not browsers and pass.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  const o = origin.trim().replace(/\/+$/, '').toLowerCase();
  if (allowed.includes(o)) return true;
  let url: URL;
  try {
    url = new URL(o);
  } catch {
    return false; // 'null' (sandboxed pages, file:) and garbage
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && !!host && url.host === host.toLowerCase();
}

interface Conn {
  session: ResolvedSession | null;
  recheck(): Promise<void>;
}

export function registerLiveSocket(app: FastifyInstance, ctx: ServerContext, opts: { allowedOrigins?: readonly string[] } = {}) {
  const allowed = allowedOriginsFrom(opts.allowedOrigins);
  const byUser = new Map<number, Set<Conn>>();
  const all = new Set<Conn>();
  const { topicRules, topicFilters, socketHandlers } = ctx.composition;
  const isAllowed = (c: Caller, t: string) => !t.startsWith('$') && topicRules.some((rule) => rule(c, t));

  const stopAccess = ctx.hub.subscribe(ACCESS_TOPIC, (_t, data) => {
    const userId = Number((data as { userId?: unknown })?.userId);
    for (const c of byUser.get(userId) ?? []) void c.recheck();
  });
  const timer = setInterval(() => {
    for (const c of all) void c.recheck();
  }, RECHECK_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    stopAccess();
  });

  const refuseOrigin = async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    if (originAllowed(origin, req.headers.host, allowed)) return;
    return reply.status(403).send({
      error: 'forbidden',
      reason: 'live.originRefused',
      params: { origin: String(origin) },
      message: `origin ${String(origin)} may not open the live socket (same host or CALLFLOOR_ALLOWED_ORIGINS only)`,
    });
  };

  app.get('/api/live', { websocket: true, preValidation: refuseOrigin }, (socket, req) => {
    const unsubs = new Map<string, () => void>();
    let closed = false;
    let checking: Promise<void> | null = null;
    const send = (m: unknown) => {
      if (!closed && socket.readyState === 1) socket.send(JSON.stringify(m));
    };
    const close = (code: number, reason: string) => {
      if (closed) return;
      send({ type: 'closing', code, reason });
      closed = true;
      for (const u of unsubs.values()) u();
      unsubs.clear();
      socket.close(code, reason);
    };

    const conn: Conn = {
      session: null,
      /** Reads the session again; closes when it ended (4401) or the user's access changed (4403). */
      recheck() {
        if (closed || !conn.session) return Promise.resolve();
        return (checking ??= (async () => {
          const before = conn.session!;
          try {
            const now = await resolveSessionKey(ctx, before.idHash, false);
            if (!sameAccess(before.caller, now.caller)) return close(CLOSE_ACCESS_CHANGED, 'live.accessChanged');
            conn.session = now;
          } catch (e) {
            // a database hiccup is not a revocation: keep the socket, the next check decides
            if (e instanceof DomainError) close(CLOSE_SESSION_ENDED, 'live.sessionEnded');
          }
        })().finally(() => (checking = null)));
      },
    };

    // The message handler is attached at once: messages that arrive while the session is being
    // resolved wait for it instead of being lost (a browser subscribes on open).
    const ready: Promise<unknown> = (async () => {
      try {
        conn.session = await sessionOf(ctx, req);
      } catch (e) {
        if (!(e instanceof DomainError)) return close(1011, 'live.unavailable'); // e.g. the database: the client retries
        send({ type: 'error', reason: 'live.sessionEnded', message: e.message });
        close(CLOSE_SESSION_ENDED, 'live.sessionEnded');
        return;
      }
      if (closed) return;
      all.add(conn);
      const set = byUser.get(conn.session.caller.userId) ?? new Set();
      byUser.set(conn.session.caller.userId, set.add(conn));
    })();

    socket.on('message', (raw: Buffer) => {
      // in arrival order once the session is known; then handled as before (an event push does not wait for the previous one)
      void ready.then(() => (closed || !conn.session ? undefined : onMessage(raw)));
    });
    socket.on('close', () => {
      closed = true;
      for (const u of unsubs.values()) u();
      unsubs.clear();
      all.delete(conn);
      const uid = conn.session?.caller.userId;
      if (uid !== undefined) {
        byUser.get(uid)?.delete(conn);
        if (byUser.get(uid)?.size === 0) byUser.delete(uid);
      }
    });

    /** One delivery: re-checked against the current caller; filtered topics in order, one after another. */
    let deliveries: Promise<void> = Promise.resolve();
    const deliver = (topic: string, data: unknown) => {
      const s = conn.session;
      if (closed || !s) return;
      if (s.expiresAt < ctx.now()) {
        void conn.recheck(); // the session may have been extended by requests; else it ends here
        return;
      }
      if (!isAllowed(s.caller, topic)) {
        unsubs.get(topic)?.();
        unsubs.delete(topic);
        return;
      }
      const filters = topicFilters.get(topic) ?? [];
      if (!filters.length) return send({ type: 'event', topic, data });
      deliveries = deliveries.then(async () => {
        try {
          for (const f of filters) if (!(await f(ctx, s.caller, data))) return;
        } catch {
          return; // when in doubt, nothing leaves
        }
        if (conn.session === s) send({ type: 'event', topic, data });
      });
    };

    async function onMessage(raw: Buffer) {
      const caller = conn.session!.caller;
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(raw.toString());
      } catch {
        send({ type: 'error', reason: 'live.notJson', message: 'message is not JSON' });
        return;
      }
      if (msg.type === 'subscribe' && Array.isArray(msg.topics)) {
        for (const t of msg.topics.map(String)) {
          if (unsubs.has(t)) {
            send({ type: 'subscribed', topic: t });
            continue;
          }
          const hubTopic = hubTopicOf(ctx, caller, t);
          if (!isAllowed(caller, t) || hubTopic === null) {
            send({ type: 'error', topic: t, reason: 'live.topicRefused', params: { topic: t }, message: `not allowed to subscribe to ${t}` });
            continue;
          }
          // a center's topic: this caller's center's messages only, delivered under the name subscribed to
          unsubs.set(t, ctx.hub.subscribe(hubTopic, hubTopic === t ? deliver : (_ht, data) => deliver(t, data)));
          send({ type: 'subscribed', topic: t });
        }
        return;
      }
      // the page's one socket (src/web/api.ts) drops the topics of a page that was left
      if (msg.type === 'unsubscribe' && Array.isArray(msg.topics)) {
        for (const t of msg.topics.map(String)) {
          unsubs.get(t)?.();
          unsubs.delete(t);
          send({ type: 'unsubscribed', topic: t });
        }
        return;
      }
      const h = typeof msg.type === 'string' ? socketHandlers.get(msg.type) : undefined;
      if (!h) {
        send({ type: 'error', reason: 'live.unknownType', params: { type: String(msg.type) }, message: `unknown message type ${String(msg.type)}` });
        return;
      }
      try {
        const result = await h(ctx, caller, msg);
        send({ type: 'ack', id: msg.id ?? null, result });
      } catch (e) {
        const d = e instanceof DomainError ? { error: e.code, reason: e.reason, params: e.params, field: e.field } : {};
        send({ type: 'error', id: msg.id ?? null, message: (e as Error).message, ...d });
      }
    }
  });
}
