import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { validationError } from '../core/errors';
import type { Role } from '../core/roles';
import type { RecordScope, Scope } from '../store/scope';
import type { ServerContext } from './context';

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

/**
 * Who may call a route: a list of roles, 'any' for every signed-in user (the handler then limits
 * what each sees), or 'public' for routes that need no sign-in (health, login, docs).
 */
export type Access = readonly Role[] | 'any' | 'public';

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
  handler: (a: RouteArgs<B, Q, P>) => Promise<unknown>;
}

/** Declares a route; types flow from the zod schemas to the handler. */
export function route<B = undefined, Q = undefined, P = undefined>(def: RouteDef<B, Q, P>): RouteDef<B, Q, P> {
  return def;
}

/** Roles that see every agent of the center (the rest are narrowed to their team or themselves). */
export const CENTER_WIDE: readonly Role[] = ['admin', 'center_manager', 'duty_manager', 'qa', 'wfm', 'trainer'];

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
  throw validationError('center', 'this user belongs to no center and the database has several: an administrator must set the user\'s center', {
    reason: 'center.required',
    params: { field: 'center' },
  });
}

/** The caller's world for the store: their center and what part of it they see (src/store/scope.ts applies it in SQL). */
export function scopeOf(c: Caller): Scope {
  return { ...agentScope(c), centerId: centerOf(c) };
}

export function hasRole(c: Caller, ...roles: Role[]): boolean {
  return c.roles.some((r) => roles.includes(r));
}

const RAW_TEXT = Symbol('rawText');
/** The request body exactly as received, for routes declared with `keepRawText` ('' otherwise). */
export function rawBodyText(req: FastifyRequest): string {
  return (req as unknown as Record<symbol, string>)[RAW_TEXT] ?? '';
}
export function setRawBodyText(req: FastifyRequest, text: string) {
  (req as unknown as Record<symbol, string>)[RAW_TEXT] = text;
}
