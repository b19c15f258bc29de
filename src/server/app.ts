import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import websocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { constants as zlibConstants } from 'node:zlib';
import { join } from 'node:path';
import { ZodError } from 'zod';
import { DomainError, HTTP_STATUS, validationError } from '../core/errors';
import { domainErrorOfDb } from '../store/errors';
import type { Store } from '../store/db';
import type { ServerContext } from './context';
import { Hub } from './hub';
import { openApiDocument } from './openapi';
import { checkAgainst, ContractViolation, validateResponsesDefault } from './contractCheck';
import { setRawBodyText, setRequestStream, type Caller, type RouteDef } from './route';
import { compose, type Capability } from './capability';
import { allCapabilities } from './capabilities';
import { stopServices } from './services';
import { callerOf } from './session';
import { registerLiveSocket } from './live';
import { LoginLimiter } from './loginLimit';
import { nulBytePath } from './schemas';
import { projectRoot } from './paths';
import { zodToError } from './validation';

export interface AppOptions {
  store: Store;
  now?: () => number;
  secureCookies?: boolean;
  sessionTtlMs?: number;
  /** Serve the built SPA from this folder (default dist/web when it exists). */
  webRoot?: string | null;
  logger?: boolean;
  /** The capabilities this app is made of (default: all, src/server/capabilities.ts): their routes, live topics, socket handlers, event feed and services. */
  capabilities?: readonly Capability[];
  /** Failed login attempts allowed per user name (from any address) per minute. */
  loginAttemptsPerMinute?: number;
  /** Origins (scheme://host[:port]) besides the server's own host allowed to open the live socket; default CALLFLOOR_ALLOWED_ORIGINS. */
  allowedOrigins?: string[];
  /** Failed login attempts allowed per client address (any user name, known or not) per minute; default max(30, per name). */
  loginAttemptsPerIpPerMinute?: number;
  /**
   * Fastify trustProxy: trust X-Forwarded-For / X-Forwarded-Proto from this proxy (true = any, or
   * addresses/CIDRs). Then the client address is the forwarded one and `X-Forwarded-Proto: https`
   * makes the session cookie Secure and adds HSTS.
   */
  trustProxy?: boolean | string | string[];
  /** Check every answer against its contract entry (default CALLFLOOR_VALIDATE_RESPONSES=1; the test server turns it on). */
  validateResponses?: boolean;
}

/** Security headers on every answer (issue 10): the SPA needs no inline script and no foreign origin. */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // React `style=` props and ECharts set inline styles
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export async function buildApp(opts: AppOptions): Promise<{ app: FastifyInstance; ctx: ServerContext }> {
  const ctx: ServerContext = {
    store: opts.store,
    now: opts.now ?? Date.now,
    hub: new Hub(),
    secureCookies: opts.secureCookies ?? false,
    sessionTtlMs: opts.sessionTtlMs ?? 8 * 3600_000,
    services: {},
    composition: compose(opts.capabilities ?? allCapabilities),
    running: [],
    validateResponses: opts.validateResponses ?? validateResponsesDefault(),
  };
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    logger: opts.logger ? { level: 'info', redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'] } : false,
  });
  // API answers of 1 KiB or more go out compressed when the client accepts it (a month's report by agent is
  // hundreds of KiB of JSON); brotli at quality 4 costs about what gzip does. Built assets are compressed
  // once at build time and served as they are (below).
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HSTS only on answers that went out over HTTPS (below): on plain HTTP it would only confuse
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  await app.register(websocket);

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof DomainError) {
      return reply.status(HTTP_STATUS[err.code]).send({ error: err.code, reason: err.reason, params: err.params, message: err.message, field: err.field });
    }
    if (err instanceof ContractViolation) return reply.status(500).send({ error: 'contract', message: err.message });
    if (err instanceof ZodError) return reply.status(400).send(zodToError(err, ''));
    // unique / serialization conflicts and values a database refuses become 409 / 400, never 500
    const db = domainErrorOfDb(err);
    if (db) {
      return reply.status(HTTP_STATUS[db.code]).send({ error: db.code, reason: db.reason, params: db.params, message: db.message, field: db.field });
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.statusCode && e.statusCode < 500) {
      const code = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'too_large' : e.statusCode === 429 ? 'rate_limited' : 'bad_request';
      return reply.status(e.statusCode).send({ error: code, message: e.message });
    }
    app.log.error(err);
    return reply.status(500).send({ error: 'internal', message: 'internal error' });
  });

  // uploads (routes with rawBody) get these bodies as a Buffer; text/plain and JSON keep Fastify's parsers
  app.addContentTypeParser(
    ['application/octet-stream', 'text/csv', 'text/tab-separated-values', 'multipart/form-data'],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );

  const perName = opts.loginAttemptsPerMinute ?? 10;
  const loginLimiter = new LoginLimiter({
    perName,
    perIp: opts.loginAttemptsPerIpPerMinute ?? Math.max(30, perName),
    windowMs: 60_000,
    now: ctx.now,
  });

  const routes = ctx.composition.routes;
  const seen = new Set<string>();
  for (const def of routes) {
    const key = `${def.method} ${def.url}`;
    if (seen.has(key)) throw new Error(`route declared twice: ${key}`);
    seen.add(key);
    if (!def.access) throw new Error(`route ${key} declares no access rule`);
    registerRoute(app, ctx, def, loginLimiter);
  }

  app.get('/api/docs', async () => openApiDocument(routes));
  // the capabilities' services stop with the app (last started first); then what was started on this context by hand (tests, the demo feed)
  app.addHook('onClose', async () => {
    await stopServices(ctx);
    for (const s of Object.values(ctx.services)) await (s as { stop?: () => unknown } | null)?.stop?.();
  });
  registerLiveSocket(app, ctx, { allowedOrigins: opts.allowedOrigins });

  const webRoot = opts.webRoot === undefined ? join(projectRoot(), 'dist', 'web') : opts.webRoot;
  if (webRoot && existsSync(webRoot)) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      // one wildcard route: with false, every built file (hundreds, each with a .br and a .gz) was a route of its own to
      // register at each start (issue 16: most of a start's route registration)
      wildcard: true,
      // dist/web has a .br and a .gz beside each text asset (src/web/vite.config.ts)
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        // hashed file names never change content: cache for a year; index.html is checked every time
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
      // a clone whose web app was never built: say how to build it rather than a bare 404
      return reply.status(503).type('text/html; charset=utf-8').send(WEB_NOT_BUILT);
    });
  }
  return { app, ctx };
}

/** The page `/` answers when dist/web is missing (the API still works). */
const WEB_NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>CallFloor</title>
<p>网页界面尚未构建：请在项目目录运行 <code>npm run build:web</code>（或用 <code>npm start</code> 启动演示），然后刷新本页。</p>
<p>網頁介面尚未建置：請在專案目錄執行 <code>npm run build:web</code>（或用 <code>npm start</code> 啟動示範），然後重新整理本頁。</p>
<p>The web app has not been built: run <code>npm run build:web</code> in the project folder (or start the demo with <code>npm start</code>), then reload this page.</p>
</html>`;

/** Refuses a NUL byte in any string of the request (PostgreSQL cannot store one; no text needs one). */
function assertNoNulByte(req: FastifyRequest, rawBody: boolean) {
  const parts: Array<[string, unknown]> = [
    ['params', req.params],
    ['query', req.query],
  ];
  if (!rawBody) parts.push(['body', req.body]);
  for (const [where, value] of parts) {
    const field = nulBytePath(value, where);
    if (field) throw validationError(field, 'contains a NUL byte', { reason: 'input.nulByte', params: { field } });
  }
}

function registerRoute(app: FastifyInstance, ctx: ServerContext, def: RouteDef, loginLimiter: LoginLimiter) {
  const isLogin = def.url === '/api/auth/login';
  app.route({
    method: def.method,
    url: def.url,
    // a streamed body has no limit of Fastify's (the handler reads it); 1 TiB only bounds the header
    bodyLimit: def.streamBody ? 2 ** 40 : def.bodyLimit,
    ...(def.streamBody
      ? {
          // hand the unread body to the handler; Fastify's parser gets an empty stream of the announced length
          preParsing: async (req: FastifyRequest, _reply: unknown, payload: NodeJS.ReadableStream) => {
            setRequestStream(req, payload);
            // JSON's parser refuses an empty body (a 400 before the caller is even checked): give it `null`
            const json = /json/i.test(req.headers['content-type'] ?? '');
            const out = Readable.from(json ? [Buffer.from('null')] : []) as Readable & { receivedEncodedLength?: number };
            const announced = Number(req.headers['content-length']);
            if (Number.isFinite(announced)) out.receivedEncodedLength = announced;
            return out;
          },
        }
      : {}),
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
    handler: async (req, reply) => {
      // login: failed attempts limited per client address (any name, known or not) and per user name;
      // the attempt is counted before any hashing and given back when the sign-in succeeds
      let loginAttempt: ReturnType<LoginLimiter['take']> | undefined;
      if (isLogin) {
        const name = (req.body as { username?: unknown } | undefined)?.username;
        loginAttempt = loginLimiter.take(req.ip, typeof name === 'string' ? name : '');
        if (!loginAttempt.ok) {
          reply.header('retry-after', String(loginAttempt.retryAfterS));
          throw new DomainError('too many sign-in attempts; try again later', 'rate_limited', undefined, {
            reason: 'rateLimited',
            params: { retryAfterS: loginAttempt.retryAfterS },
          });
        }
      }
      let caller = null as unknown as Caller;
      if (def.access !== 'public') {
        caller = await callerOf(ctx, req);
        if (req.method !== 'GET' && req.headers['x-csrf-token'] !== caller.csrf)
          throw new DomainError('missing or wrong CSRF token (x-csrf-token header)', 'forbidden', undefined, { reason: 'session.csrf' });
        if (Array.isArray(def.access) && !caller.roles.some((r) => def.access.includes(r))) {
          return reply.status(403).send({
            error: 'forbidden',
            reason: 'role.notAllowed',
            params: { roles: def.access.join(', ') },
            message: `requires one of: ${def.access.join(', ')}`,
          });
        }
      }
      const parse = <T>(schema: import('zod').ZodType<T> | undefined, value: unknown, where: string): T => {
        if (!schema) return value as T;
        const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
        if (!r.success) {
          const e = zodToError(r.error, where);
          throw new DomainError(e.message, 'validation', e.field, { reason: e.reason, params: e.params });
        }
        return r.data;
      };
      assertNoNulByte(req, !!def.rawBody);
      const params = parse(def.params, req.params, 'params');
      const query = parse(def.query, req.query, 'query');
      const body = def.rawBody ? req.body : parse(def.body, req.body, 'body');
      const result = await def.handler({ body, query, params, caller, ctx, req, reply });
      if (loginAttempt?.ok && reply.statusCode < 400) loginAttempt.refund();
      if (reply.sent) return reply;
      if (ctx.validateResponses && def.response) checkAgainst(def.response, result ?? { ok: true }, `answer of ${def.method} ${def.url}`);
      return result ?? { ok: true };
    },
  });
}
