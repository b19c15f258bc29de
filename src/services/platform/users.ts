/**
 * Users and sign-in (issue 13): who may sign in, their roles and passwords. The same rules for the
 * API and `callfloor users create`. Session cookies stay at the edge (src/server/session.ts); a use
 * case that ends sessions or changes what a user may see says whose access changed, and the server
 * closes their live sockets.
 */
import { notFound, validationError } from '../../core/errors';
import type { Role } from '../../core/roles';
import { audit } from '../../store/audit';
import { createUser, deleteUserSessions, findUserByName, listUsers, rolesOf, setUserActive, setUserPassword, setUserRoles } from '../../store/org';
import type { Actor, ServiceDeps } from '../context';
import { hashPassword, PASSWORD_MAX, passwordProblem, verifyPassword } from './password';

const passwordTooLong = { reason: 'password.tooLong', message: `must be at most ${PASSWORD_MAX} characters`, params: { max: PASSWORD_MAX } } as const;

/** A refused password as a validation error naming the field, with its reason for the web. */
function passwordError(field: string, p: { reason: string; message: string; params: Record<string, number> }) {
  return validationError(field, p.message, { reason: p.reason, params: { field, ...p.params } });
}

function assertPasswordRules(field: string, password: string) {
  const p = passwordProblem(password);
  if (p) throw passwordError(field, p);
}

// A valid hash of a random password, made once at start: sign-in of an unknown user costs the same time as a wrong password.
const dummyHash = hashPassword(Math.random().toString(36));

/**
 * Checks a sign-in: the user if name and password match an active account, else null (the same
 * answer and about the same time for an unknown name, a wrong password and a deactivated user).
 * A password longer than any account can have is refused before hashing.
 */
export async function authenticate(deps: ServiceDeps, input: { username: string; password: string }) {
  if ([...input.password].length > PASSWORD_MAX) throw passwordError('body.password', passwordTooLong);
  const u = await findUserByName(deps.store.db, input.username);
  const ok = await verifyPassword(input.password, u?.password_hash ?? (await dummyHash));
  if (!u || !ok || !u.active) return null;
  return { id: u.id, username: u.username, displayName: u.display_name, roles: await rolesOf(deps.store.db, u.id) };
}

/** Audits a sign-in once the session is open. */
export async function recordSignIn(deps: ServiceDeps, userId: number) {
  await audit(deps.store.db, { at: deps.now(), userId, action: 'login', entity: 'user', entityId: userId });
}

// The signed-in user's own account (language, password) is theirs whatever their center: these take the user, not a scoped actor.

export async function setOwnLocale(deps: ServiceDeps, userId: number, locale: string) {
  await deps.store.db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

/** Changes the user's own password; ends their other sessions (all but `keepSessionKey`). */
export async function changeOwnPassword(deps: ServiceDeps, userId: number, input: { oldPassword: string; newPassword: string }, keepSessionKey?: string) {
  // the new password's rules first: refusing it costs no hashing
  assertPasswordRules('body.newPassword', input.newPassword);
  const u = await deps.store.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!u || [...input.oldPassword].length > PASSWORD_MAX || !(await verifyPassword(input.oldPassword, u.password_hash)))
    throw validationError('body.oldPassword', 'current password is wrong', { reason: 'password.wrongCurrent', params: { field: 'body.oldPassword' } });
  await setUserPassword(deps.store.db, u.id, await hashPassword(input.newPassword));
  const ended = await deleteUserSessions(deps.store.db, u.id, keepSessionKey);
  await audit(deps.store.db, { at: deps.now(), userId: u.id, action: 'password.change', entity: 'user', entityId: u.id, detail: { sessionsEnded: ended } });
  return { accessChanged: [u.id] };
}

/** Users of the actor's center, and users of no center (the first admin). */
export const usersOf = (deps: ServiceDeps, actor: Actor) => listUsers(deps.store.db, { centerId: actor.scope.centerId });

/** A user the actor may manage: of their center or of none. */
async function userInCenter(deps: ServiceDeps, actor: Actor, id: number) {
  const u = await deps.store.db.selectFrom('users').select(['id', 'center_id']).where('id', '=', id).executeTakeFirst();
  if (!u || (u.center_id != null && u.center_id !== actor.scope.centerId)) throw notFound('user', id);
  return u;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  agentId?: number | null;
}

/** Creates a user of the actor's center (password rules checked; the password never audited). */
export async function addUser(deps: ServiceDeps, actor: Actor, input: NewUser, field = 'body.password') {
  assertPasswordRules(field, input.password);
  if (input.agentId != null) {
    const a = await deps.store.db
      .selectFrom('agents')
      .select('id')
      .where('id', '=', input.agentId)
      .where('center_id', '=', actor.scope.centerId)
      .executeTakeFirst();
    if (!a) throw notFound('agent', input.agentId);
  }
  const now = deps.now();
  // a database of no center yet (the first admin at the command line) stores the user without one
  const centerId = actor.scope.centerId || null;
  const id = await createUser(deps.store.db, { ...input, passwordHash: await hashPassword(input.password), centerId }, now);
  const { password: _pw, ...safe } = input;
  await audit(deps.store.db, { at: now, userId: actor.userId, action: 'user.create', entity: 'user', entityId: id, detail: safe });
  return { id };
}

/** Replaces a user's roles; an admin cannot remove their own admin role. */
export async function replaceRoles(deps: ServiceDeps, actor: Actor, id: number, roles: Role[]) {
  if (id === actor.userId && !roles.includes('admin'))
    throw validationError('body.roles', 'you cannot remove your own admin role', { reason: 'platform.ownAdminRole', params: {} });
  await userInCenter(deps, actor, id);
  await setUserRoles(deps.store.db, id, roles);
  await audit(deps.store.db, { at: deps.now(), userId: actor.userId, action: 'user.roles', entity: 'user', entityId: id, detail: { roles } });
  return { accessChanged: [id], why: 'roles' as const };
}

/**
 * Deactivates / reactivates a user or resets their password; a reset or a deactivation ends all their
 * sessions (an admin resetting their own keeps `keepSessionKey`, the one they are using).
 */
export async function changeUser(deps: ServiceDeps, actor: Actor, id: number, patch: { active?: boolean; password?: string }, keepSessionKey?: string) {
  await userInCenter(deps, actor, id);
  if (patch.password !== undefined) {
    assertPasswordRules('body.password', patch.password);
    await setUserPassword(deps.store.db, id, await hashPassword(patch.password));
  }
  if (patch.active !== undefined) await setUserActive(deps.store.db, id, patch.active);
  const endsSessions = patch.password !== undefined || patch.active === false;
  if (endsSessions) await deleteUserSessions(deps.store.db, id, id === actor.userId ? keepSessionKey : undefined);
  await audit(deps.store.db, {
    at: deps.now(),
    userId: actor.userId,
    action: 'user.update',
    entity: 'user',
    entityId: id,
    detail: { active: patch.active, passwordReset: patch.password !== undefined },
  });
  return { accessChanged: endsSessions ? [id] : [], why: patch.password !== undefined ? ('password' as const) : ('active' as const) };
}
