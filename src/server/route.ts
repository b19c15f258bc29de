import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Access, Endpoint, ParsedBody, ParsedParams, ParsedQuery, ResponseIn } from '../contract/endpoint';
import { validationError } from '../core/errors';
import { CENTER_WIDE_ROLES, type Role } from '../core/roles';
import type { RecordScope, Scope } from '../store/scope';
import type { ServerContext } from './context';
import type { Actor, ServiceDeps } from '../services/context';
import { publishTopic } from './contractCheck';

export type { Access };

/** Who is calling: the signed-in user with roles and the scope of records they may see. */
export interface Caller {
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  agentId: number | null;
  /**
   * The center the caller works in, resolved once per request (session.ts): their own; a user with
   * none (e.g. the admin) works in the only center when the database has one; with several centers it
   * stays null and every center-bound route refuses them with `center.required` (never a guess).
   */
  centerId: number | null;
  /** Teams this user leads (team leads only see these). */
  ledTeamIds: number[];
  csrf: string;
  locale: string;
}

export interface RouteArgs<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** null only on public routes. */
  caller: Caller;
  ctx: ServerContext;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteDef<B = any, Q = any, P = any> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: Access;
  summary: string;
  tags?: string[];
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Raw body (for uploads): the handler reads req.body as a Buffer/string. */
  rawBody?: boolean;
  /** Keep the body's text as received in `rawBodyText(req)` (signature checks), the body parsed as usual. */
  keepRawText?: boolean;
  /** Per-route body limit in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** The body is left unread for the handler to stream (`requestStream(req)`), however large. */
  streamBody?: boolean;
  handler: (a: RouteArgs<B, Q, P>) => Promise<unknown>;
  /** The answer's schema (from the contract): checked in tests, in the OpenAPI document. */
  response?: z.ZodType;
  /** The contract entry this route implements (absent on routes not yet converted, issue 13). */
  endpoint?: Endpoint;
}

/** Transport details of a route that are not part of the contract. */
export interface RouteOptions {
  /** Keep the body's text as received in `rawBodyText(req)` (signature checks), the body parsed as usual. */
  keepRawText?: boolean;
  /** Per-route body limit in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** The body is left unread for the handler to stream (`requestStream(req)`), however large. */
  streamBody?: boolean;
}

/**
 * A route implementing a contract entry: method, path, access, summary and input schemas come from
 * the entry; the handler gets the parsed inputs and must return the entry's answer (z.input of its
 * `response`), checked by the compiler. A handler that answers itself (a download) returns `reply`.
 */
export function implement<E extends Endpoint>(
  ep: E,
  handler: (a: RouteArgs<ParsedBody<E>, ParsedQuery<E>, ParsedParams<E>>) => Promise<ResponseIn<E> | FastifyReply>,
  opts: RouteOptions = {},
): RouteDef {
  return {
    method: ep.method,
    url: ep.path,
    access: ep.access,
    summary: ep.summary,
    tags: ep.tags ? [...ep.tags] : undefined,
    body: ep.body,
    query: ep.query,
    params: ep.params,
    rawBody: ep.upload,
    response: ep.response,
    endpoint: ep,
    ...opts,
    handler: handler as RouteDef['handler'],
  };
}

/** Declares a route; types flow from the zod schemas to the handler. */
export function route<B = undefined, Q = undefined, P = undefined>(def: RouteDef<B, Q, P>): RouteDef<B, Q, P> {
  return def;
}

/** Roles that see every agent of the center (the rest are narrowed to their team or themselves). */
export const CENTER_WIDE: readonly Role[] = CENTER_WIDE_ROLES;

export type AgentScope = RecordScope;

/** What part of the floor a caller may see: all, their led teams, or only their own agent record. */
export function agentScope(c: Caller): AgentScope {
  if (c.roles.some((r) => CENTER_WIDE.includes(r))) return { kind: 'all' };
  if (c.roles.includes('team_lead')) return { kind: 'teams', teamIds: c.ledTeamIds };
  return { kind: 'self', agentId: c.agentId };
}

/** The caller's center, or the refusal: a user of no center in a database of several (see Caller.centerId). */
export function centerOf(c: Caller): number {
  if (c.centerId != null) return c.centerId;
  throw validationError('center', "this user belongs to no center and the database has several: an administrator must set the user's center", {
    reason: 'center.required',
    params: { field: 'center' },
  });
}

/** The caller's world for the store: their center and what part of it they see (src/store/scope.ts applies it in SQL). */
export function scopeOf(c: Caller): Scope {
  return { ...agentScope(c), centerId: centerOf(c) };
}

/** The caller as the service layer sees them (src/services/context.ts): who, which roles, which part of which center. */
export function actorOf(c: Caller): Actor {
  return { userId: c.userId, roles: c.roles, scope: scopeOf(c), agentId: c.agentId, locale: c.locale };
}

/** What a use case reaches from the server: the store, the clock and the live fan-out. */
export function depsOf(ctx: ServerContext): ServiceDeps {
  return { store: ctx.store, now: ctx.now, publish: (topic, params, data, centerId) => publishTopic(ctx, topic, params, data, centerId) };
}

export function hasRole(c: Caller, ...roles: Role[]): boolean {
  return c.roles.some((r) => roles.includes(r));
}

const STREAM = Symbol('bodyStream');
/** The request body as a stream, for routes declared with `streamBody` (read it once). */
export function requestStream(req: FastifyRequest): NodeJS.ReadableStream {
  const s = (req as unknown as Record<symbol, NodeJS.ReadableStream>)[STREAM];
  if (!s) throw new Error('requestStream: the route does not declare streamBody');
  return s;
}
export function setRequestStream(req: FastifyRequest, s: NodeJS.ReadableStream) {
  (req as unknown as Record<symbol, NodeJS.ReadableStream>)[STREAM] = s;
}

const RAW_TEXT = Symbol('rawText');
/** The request body exactly as received, for routes declared with `keepRawText` ('' otherwise). */
export function rawBodyText(req: FastifyRequest): string {
  return (req as unknown as Record<symbol, string>)[RAW_TEXT] ?? '';
}
export function setRawBodyText(req: FastifyRequest, text: string) {
  (req as unknown as Record<symbol, string>)[RAW_TEXT] = text;
}
