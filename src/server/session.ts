import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors';
import type { Role } from '../core/roles';
import { createSession, deleteSession, findSession, rolesOf, teamsLedBy, touchSession } from '../store/org';
import { onlyCenterId } from '../store/scope';
import type { ServerContext } from './context';
import type { Caller } from './route';

export const SESSION_COOKIE = 'cf_session';

const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

export async function startSession(ctx: ServerContext, reply: FastifyReply, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await createSession(ctx.store.db, { idHash: hashToken(token), userId, csrf, now: ctx.now(), ttlMs: ctx.sessionTtlMs });
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    // forced by CALLFLOOR_SECURE_COOKIES=1, else whenever the request came over HTTPS (directly, or
    // through a trusted proxy that says X-Forwarded-Proto: https — see trustProxy in buildApp)
    secure: ctx.secureCookies || reply.request.protocol === 'https',
    path: '/',
  });
  return csrf;
}

export async function endSession(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply) {
  const token = req.cookies[SESSION_COOKIE];
  if (token) await deleteSession(ctx.store.db, hashToken(token));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The session-table key of the request's cookie, if it has one. */
export function sessionKeyOf(req: FastifyRequest): string | undefined {
  const token = req.cookies[SESSION_COOKIE];
  return token ? hashToken(token) : undefined;
}

/** A resolved session: the caller, the session-table key and when it expires. */
export interface ResolvedSession {
  caller: Caller;
  idHash: string;
  expiresAt: number;
}

/**
 * The caller behind the request's session cookie, or an error: no cookie → unauthorized,
 * expired → unauthorized with 'session expired' (and the session is removed).
 */
export async function callerOf(ctx: ServerContext, req: FastifyRequest): Promise<Caller> {
  return (await sessionOf(ctx, req)).caller;
}

/** Like callerOf, with the session key and expiry (the live socket keeps them to re-check). */
export async function sessionOf(ctx: ServerContext, req: FastifyRequest): Promise<ResolvedSession> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) throw new DomainError('not signed in', 'unauthorized', undefined, { reason: 'session.signedOut' });
  return resolveSessionKey(ctx, hashToken(token), true);
}

/** Resolves a session by its key; `touch` slides the expiry (requests do, socket re-checks do not). */
export async function resolveSessionKey(ctx: ServerContext, idHash: string, touch: boolean): Promise<ResolvedSession> {
  const s = await findSession(ctx.store.db, idHash);
  if (!s || !s.active) throw new DomainError('not signed in', 'unauthorized', undefined, { reason: 'session.signedOut' });
  const now = ctx.now();
  if (s.expires_at < now) {
    await deleteSession(ctx.store.db, idHash);
    throw new DomainError('session expired, please sign in again', 'unauthorized', undefined, { reason: 'session.expired' });
  }
  let expiresAt = s.expires_at;
  // Sliding expiry, written at most once a minute to spare the database.
  if (touch && s.expires_at - now < ctx.sessionTtlMs - 60_000) await touchSession(ctx.store.db, idHash, (expiresAt = now + ctx.sessionTtlMs));
  const roles: Role[] = await rolesOf(ctx.store.db, s.user_id);
  const caller: Caller = {
    userId: s.user_id,
    username: s.username,
    displayName: s.display_name,
    roles,
    agentId: s.agent_id,
    // resolved once here: the user's center, else the only center of the database (several: null, refused where a center is needed)
    centerId: s.center_id ?? (await onlyCenterId(ctx.store.db)),
    ledTeamIds: roles.includes('team_lead') ? await teamsLedBy(ctx.store.db, s.user_id) : [],
    csrf: s.csrf,
    locale: s.locale,
  };
  return { caller, idHash, expiresAt };
}
