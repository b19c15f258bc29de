/**
 * Connectors API: the per-center configuration (admin only, secrets write-only: never returned,
 * never audited, only whether one is set), the signed webhook for cloud contact centers, and the
 * supervisor actions on the floor (pause / un-pause an agent, add / remove an agent in a queue),
 * sent through the center's connector and audited.
 */
import { connectors as api, FLOOR_ACTION_ROLES } from '../../contract/connectors';
import { DomainError, forbidden, validationError } from '../../core/errors';
import { ALIYUN_CCC_EXAMPLE, mapWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../../ingest/connectors/webhook';
import { timeWindow, tsProblem } from '../../core/live/eventWindow';
import { audit } from '../../store/audit';
import { loadEventWindow } from '../../store/live/ingest';
import { withTx } from '../../store/db';
import { getAgent, getSetting, listCenters, putSetting } from '../../store/org';
import type { Capability } from '../capability';
import { connectorService, connectorsService, CONNECTORS_KEY, type ConnectorSettings } from '../connectors';
import type { ServerContext } from '../context';
import { acceptEvents } from '../eventFeed';
import { implement, rawBodyText, type Caller, type RouteDef } from '../route';
import { callerCenterId } from './platform';

export { FLOOR_ACTION_ROLES };
export const MAX_WEBHOOK_EVENTS = 5000;

/** The setting as the API shows it: every secret replaced by whether one is set. */
export function maskSettings(s: ConnectorSettings) {
  const mask = <T extends { secret?: string }>(x: T | undefined) => {
    if (!x) return null;
    const { secret: sec, ...rest } = x;
    return { ...rest, secretSet: !!sec };
  };
  return { ami: mask(s.ami), esl: mask(s.esl), webhook: mask(s.webhook) };
}

async function floorTarget(ctx: ServerContext, caller: Caller, agentId: number) {
  const a = await getAgent(ctx.store.db, agentId);
  if (caller.roles.includes('team_lead') && !caller.roles.some((r) => r !== 'team_lead' && FLOOR_ACTION_ROLES.includes(r))) {
    if (a.team_id === null || !caller.ledTeamIds.includes(a.team_id))
      throw forbidden('team leads act on their own teams’ agents only', { reason: 'connector.notYourTeam', params: { agentId } });
  }
  if (!a.ext_code) throw validationError('agentId', `agent ${agentId} has no telephony code`, { reason: 'connector.noExtCode', params: { agentId } });
  const centerId = a.center_id ?? (await callerCenterId(ctx, caller));
  const conn = connectorService(ctx)?.actions(centerId);
  if (!conn) throw new DomainError('no connector that supports actions is configured', 'conflict', undefined, { reason: 'connector.none', params: {} });
  return { agent: a, code: a.ext_code, conn, centerId };
}

export const connectorRoutes: RouteDef[] = [
  implement(api.settings, async ({ ctx, caller }) => {
    const centerId = await callerCenterId(ctx, caller);
    const s = (await getSetting<ConnectorSettings>(ctx.store.db, centerId, CONNECTORS_KEY)) ?? {};
    return {
      centerId,
      ...maskSettings(s),
      status: connectorService(ctx)?.statuses(centerId) ?? [],
      examples: { webhookMapping: { aliyunCcc: ALIYUN_CCC_EXAMPLE } },
    };
  }),
  implement(api.saveSettings, async ({ ctx, caller, body }) => {
    const centerId = await callerCenterId(ctx, caller);
    const now = ctx.now();
    const next = await withTx(ctx.store.db, async (tx) => {
      const cur = (await getSetting<ConnectorSettings>(tx, centerId, CONNECTORS_KEY)) ?? {};
      const merged: ConnectorSettings = { ...cur };
      for (const k of ['ami', 'esl', 'webhook'] as const) {
        const part = body[k];
        if (!part) continue;
        const keep = cur[k]?.secret ?? '';
        const sec = part.secret ? part.secret : keep;
        if (part.enabled && !sec)
          throw validationError(`${k}.secret`, 'a secret is required to enable this connector', { reason: 'connector.secretRequired', params: { kind: k } });
        (merged as Record<string, unknown>)[k] = { ...part, secret: sec };
      }
      await putSetting(tx, centerId, CONNECTORS_KEY, merged, now);
      await audit(tx, {
        at: now,
        userId: caller.userId,
        action: 'connectors.update',
        entity: 'setting',
        entityId: CONNECTORS_KEY,
        detail: { before: maskSettings(cur), after: maskSettings(merged) },
      });
      return merged;
    });
    await connectorService(ctx)?.reconfigure(centerId);
    return { centerId, ...maskSettings(next), status: connectorService(ctx)?.statuses(centerId) ?? [] };
  }),
  implement(
    api.webhook,
    async ({ ctx, params, req, body }) => {
      const unauthorized = (why: string) =>
        new DomainError(`webhook signature refused (${why})`, 'unauthorized', undefined, { reason: `connector.webhook.${why}`, params: {} });
      const centers = await listCenters(ctx.store.db);
      const s = centers.some((c) => c.id === params.centerId) ? await getSetting<ConnectorSettings>(ctx.store.db, params.centerId, CONNECTORS_KEY) : undefined;
      const wh = s?.webhook;
      // an unknown center and a disabled webhook look alike to the caller
      if (!wh?.enabled || !wh.secret) throw unauthorized('signature');
      const h = (n: string) => {
        const v = req.headers[n];
        return Array.isArray(v) ? v[0] : v;
      };
      const check = verifyWebhook(
        wh.secret,
        { signature: h(SIGNATURE_HEADER), timestamp: h(TIMESTAMP_HEADER) },
        rawBodyText(req),
        ctx.now(),
        wh.toleranceS ?? 300,
      );
      if (!check.ok) throw unauthorized(check.why);
      if (body === undefined || body === null || typeof body !== 'object')
        throw validationError('body', 'expected a JSON object or array', { reason: 'connector.webhook.notJson', params: {} });
      const m = mapWebhook(body, wh.mapping);
      if (m.rejects.length) {
        const r = m.rejects[0]!;
        throw validationError(r.index < 0 ? 'body' : `events.${r.index}`, r.reason, {
          reason: 'connector.webhook.badEvent',
          params: { index: r.index, detail: r.reason },
        });
      }
      if (m.events.length > MAX_WEBHOOK_EVENTS)
        throw validationError('body', `at most ${MAX_WEBHOOK_EVENTS} events per request`, {
          reason: 'connector.webhook.tooMany',
          params: { max: MAX_WEBHOOK_EVENTS },
        });
      // the same time window as every other door (core/live/eventWindow): one event outside refuses the request
      const window = timeWindow(await loadEventWindow(ctx.store, params.centerId), ctx.now());
      m.events.forEach((e, i) => {
        const p = tsProblem(e.ts, window);
        if (!p) return;
        const field = `events.${i}.ts`;
        throw validationError(field, `event '${e.id}': ${p.message}`, { reason: p.reason, params: { ...p.params, id: e.id, index: i, field } });
      });
      // the events belong to the center whose webhook they came through
      const r = await acceptEvents(ctx, m.events, params.centerId);
      return {
        received: m.events.length + m.ignored + Object.values(m.unknown).reduce((a, b) => a + b, 0),
        accepted: r.accepted.length,
        duplicates: r.duplicates,
        ignored: m.ignored,
        unknown: m.unknown,
      };
    },
    { keepRawText: true, bodyLimit: 4 * 1024 * 1024 },
  ),
  implement(api.actions, async ({ ctx, caller }) => {
    const centerId = await callerCenterId(ctx, caller);
    const c = connectorService(ctx)?.actions(centerId);
    return { available: !!c, kind: c?.kind ?? null, connected: c ? c.status.state === 'connected' : false };
  }),
  implement(api.pause, async ({ ctx, caller, params, body }) => {
    const t = await floorTarget(ctx, caller, params.agentId);
    await t.conn.pause(t.code, body.paused, body.paused ? body.reason : undefined);
    await audit(ctx.store.db, {
      at: ctx.now(),
      userId: caller.userId,
      action: body.paused ? 'live.agent.pause' : 'live.agent.unpause',
      entity: 'agent',
      entityId: params.agentId,
      detail: { code: t.code, reason: body.reason ?? null, via: t.conn.kind },
    });
    return { ok: true as const, via: t.conn.kind };
  }),
  implement(api.queues, async ({ ctx, caller, params, body }) => {
    const t = await floorTarget(ctx, caller, params.agentId);
    const op = body.add !== undefined ? 'add' : 'remove';
    const queue = (body.add ?? body.remove)!;
    await t.conn.queue(t.code, op, queue);
    await audit(ctx.store.db, {
      at: ctx.now(),
      userId: caller.userId,
      action: `live.agent.queue.${op}`,
      entity: 'agent',
      entityId: params.agentId,
      detail: { code: t.code, queue, via: t.conn.kind },
    });
    return { ok: true as const, via: t.conn.kind };
  }),
];

/** The PBX connectors: their settings, the signed webhook, supervisor actions, and the sockets per center as a service. */
export const connectorsCapability: Capability = { name: 'connectors', routes: connectorRoutes, services: [connectorsService] };
