import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors';
import type { Role } from '../core/roles';
import { createSession, deleteSession, findSession, rolesOf, teamsLedBy, touchSession } from '../store/org';
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

/**
 * The caller behind the request's session cookie, or an error: no cookie → unauthorized,
 * expired → unauthorized with 'session expired' (and the session is removed).
 */
export async function callerOf(ctx: ServerContext, req: FastifyRequest): Promise<Caller> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) throw new DomainError('not signed in', 'unauthorized');
  const idHash = hashToken(token);
  const s = await findSession(ctx.store.db, idHash);
  if (!s || !s.active) throw new DomainError('not signed in', 'unauthorized');
  const now = ctx.now();
  if (s.expires_at < now) {
    await deleteSession(ctx.store.db, idHash);
    throw new DomainError('session expired, please sign in again', 'unauthorized');
  }
  // Sliding expiry, written at most once a minute to spare the database.
  if (s.expires_at - now < ctx.sessionTtlMs - 60_000) await touchSession(ctx.store.db, idHash, now + ctx.sessionTtlMs);
  const roles: Role[] = await rolesOf(ctx.store.db, s.user_id);
  return {
    userId: s.user_id,
    username: s.username,
    displayName: s.display_name,
    roles,
    agentId: s.agent_id,
    centerId: s.center_id,
    ledTeamIds: roles.includes('team_lead') ? await teamsLedBy(ctx.store.db, s.user_id) : [],
    csrf: s.csrf,
    locale: s.locale,
  };
}
