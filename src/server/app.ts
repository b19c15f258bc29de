import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ZodError } from 'zod';
import { DomainError } from '../core/errors';
import type { Store } from '../store/db';
import type { ServerContext } from './context';
import { Hub } from './hub';
import { openApiDocument } from './openapi';
import { setRawBodyText, type Caller, type RouteDef } from './route';
import { allRoutes } from './routes/index';
import { callerOf } from './session';
import { registerLiveSocket } from './live';

export interface AppOptions {
  store: Store;
  now?: () => number;
  secureCookies?: boolean;
  sessionTtlMs?: number;
  /** Serve the built SPA from this folder (default dist/web when it exists). */
  webRoot?: string | null;
  logger?: boolean;
  routes?: RouteDef[];
  /** Login attempts allowed per IP and user name per minute. */
  loginAttemptsPerMinute?: number;
}

const HTTP_BY_CODE: Record<DomainError['code'], number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

function zodToError(e: ZodError, where: string) {
  const issue = e.issues[0];
  const field = [where, ...issue.path.map(String)].filter(Boolean).join('.');
  return { error: 'validation', field, message: `${field}: ${issue.message}` };
}

export async function buildApp(opts: AppOptions): Promise<{ app: FastifyInstance; ctx: ServerContext }> {
  const ctx: ServerContext = {
    store: opts.store,
    now: opts.now ?? Date.now,
    hub: new Hub(),
    secureCookies: opts.secureCookies ?? false,
    sessionTtlMs: opts.sessionTtlMs ?? 8 * 3600_000,
    services: {},
  };
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    logger: opts.logger
      ? { level: 'info', redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'] }
      : false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(websocket);

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof DomainError) {
      return reply
        .status(HTTP_BY_CODE[err.code])
        .send({ error: err.code, reason: err.reason, params: err.params, message: err.message, field: err.field });
    }
    if (err instanceof ZodError) return reply.status(400).send(zodToError(err, ''));
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.statusCode && e.statusCode < 500) {
      const code = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'too_large' : e.statusCode === 429 ? 'rate_limited' : 'bad_request';
      return reply.status(e.statusCode).send({ error: code, message: e.message });
    }
    app.log.error(err);
    return reply.status(500).send({ error: 'internal', message: 'internal error' });
  });

  // uploads (routes with rawBody) get these bodies as a Buffer; text/plain and JSON keep Fastify's parsers
  app.addContentTypeParser(['application/octet-stream', 'text/csv', 'text/tab-separated-values', 'multipart/form-data'], { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  const routes = opts.routes ?? allRoutes;
  const seen = new Set<string>();
  for (const def of routes) {
    const key = `${def.method} ${def.url}`;
    if (seen.has(key)) throw new Error(`route declared twice: ${key}`);
    seen.add(key);
    if (!def.access) throw new Error(`route ${key} declares no access rule`);
    registerRoute(app, ctx, def, opts.loginAttemptsPerMinute ?? 10);
  }

  app.get('/api/docs', async () => openApiDocument(routes));
  // services started on this context (live floor timers…) stop with the app
  app.addHook('onClose', async () => {
    for (const s of Object.values(ctx.services)) await (s as { stop?: () => unknown } | null)?.stop?.();
  });
  registerLiveSocket(app, ctx);

  const webRoot =
    opts.webRoot === undefined ? fileURLToPath(new URL('../../dist/web', import.meta.url)) : opts.webRoot;
  if (webRoot && existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` }),
    );
  }
  return { app, ctx };
}

function registerRoute(app: FastifyInstance, ctx: ServerContext, def: RouteDef, loginPerMinute: number) {
  const isLogin = def.url === '/api/auth/login';
  app.route({
    method: def.method,
    url: def.url,
    bodyLimit: def.bodyLimit,
    ...(def.keepRawText
      ? {
          preParsing: async (req: FastifyRequest, _reply: unknown, payload: NodeJS.ReadableStream) => {
            const chunks: Buffer[] = [];
            let size = 0;
            const limit = def.bodyLimit ?? 1024 * 1024;
            for await (const c of payload) {
              const b = Buffer.isBuffer(c) ? c : Buffer.from(c as string);
              size += b.length;
              if (size > limit) throw new DomainError(`body larger than ${limit} bytes`, 'validation', 'body', { reason: 'body.tooLarge', params: { limit } });
              chunks.push(b);
            }
            const buf = Buffer.concat(chunks);
            setRawBodyText(req, buf.toString('utf8'));
            const out = Readable.from([buf]) as Readable & { receivedEncodedLength?: number };
            out.receivedEncodedLength = buf.length;
            return out;
          },
        }
      : {}),
    config: isLogin
      ? {
          rateLimit: {
            max: loginPerMinute,
            timeWindow: '1 minute',
            hook: 'preHandler',
            keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.body as { username?: unknown })?.username ?? '')}`,
          },
        }
      : {},
    handler: async (req, reply) => {
      let caller = null as unknown as Caller;
      if (def.access !== 'public') {
        caller = await callerOf(ctx, req);
        if (req.method !== 'GET' && req.headers['x-csrf-token'] !== caller.csrf)
          throw new DomainError('missing or wrong CSRF token (x-csrf-token header)', 'forbidden');
        if (Array.isArray(def.access) && !caller.roles.some((r) => def.access.includes(r))) {
          return reply.status(403).send({ error: 'forbidden', reason: 'role', message: `requires one of: ${def.access.join(', ')}` });
        }
      }
      const parse = <T>(schema: import('zod').ZodType<T> | undefined, value: unknown, where: string): T => {
        if (!schema) return value as T;
        const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
        if (!r.success) {
          const e = zodToError(r.error, where);
          throw new DomainError(e.message, 'validation', e.field);
        }
        return r.data;
      };
      const params = parse(def.params, req.params, 'params');
      const query = parse(def.query, req.query, 'query');
      const body = def.rawBody ? req.body : parse(def.body, req.body, 'body');
      const result = await def.handler({ body, query, params, caller, ctx, req, reply });
      if (reply.sent) return reply;
      return result ?? { ok: true };
    },
  });
}
