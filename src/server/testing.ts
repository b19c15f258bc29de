/**
 * Test support for the HTTP API: a real app on a fresh store (SQLite or PostgreSQL), a small
 * organisation with one user per role, and a signed-in client per user (cookie + CSRF token).
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { ROLES, type Role } from '../core/roles';
import type { Store } from '../store/db';
import { createAgent, createCenter, createTeam, createUser } from '../store/org';
import { buildApp } from './app';
import type { ServerContext } from './context';
import { hashPassword } from './password';

process.env.CALLFLOOR_SCRYPT_LOG2N ??= '14';
// every answer and live message of a test server is checked against the contract (issue 13)
process.env.CALLFLOOR_VALIDATE_RESPONSES ??= '1';

export const TEST_PASSWORD = 'test-pass-123';

let testHash: Promise<string> | undefined;
/**
 * TEST_PASSWORD hashed once per process at scrypt N=2^10 (the product hashes at 2^17): signing in
 * verifies at the N the stored hash records, and API tests sign in hundreds of times per file.
 */
export function testPasswordHash(): Promise<string> {
  testHash ??= hashPassword(TEST_PASSWORD, { testLog2N: 10 });
  return testHash;
}

export interface TestOrg {
  centerId: number;
  teamA: number;
  teamB: number;
  /** Agent ids: a1 and a2 in team A, b1 in team B. */
  agents: { a1: number; a2: number; b1: number };
  /** One user per role (username = role), plus agent users 'a1','a2','b1'. The team lead leads team A. */
  users: Record<string, number>;
}

export async function seedTestOrg(store: Store, now = Date.UTC(2026, 10, 1)): Promise<TestOrg> {
  const db = store.db;
  const hash = await testPasswordHash();
  const centerId = await createCenter(db, '测试中心', 'Asia/Shanghai', now);
  const users: Record<string, number> = {};
  for (const role of ROLES.filter((r) => r !== 'agent'))
    users[role] = await createUser(db, { username: role, displayName: `${role} 用户`, passwordHash: hash, roles: [role], centerId }, now);
  const teamA = await createTeam(db, { centerId, name: 'A组', leadUserId: users.team_lead }, now);
  const teamB = await createTeam(db, { centerId, name: 'B组', leadUserId: null }, now);
  const mk = (no: string, name: string, teamId: number, hireDate: string) =>
    createAgent(db, { centerId, teamId, employeeNo: no, name, hireDate, skillLevel: 'junior', extCode: no, queues: ['general'] }, now);
  const agents = {
    a1: await mk('A001', '李娜', teamA, '2024-05-01'),
    a2: await mk('A002', '王芳', teamA, '2026-03-01'),
    b1: await mk('B001', '张伟', teamB, '2023-01-15'),
  };
  for (const [u, agentId] of Object.entries(agents))
    users[u] = await createUser(db, { username: u, displayName: u, passwordHash: hash, roles: ['agent'], agentId, centerId }, now);
  users.agent = users.a1;
  return { centerId, teamA, teamB, agents, users };
}

export interface Client {
  cookie: string;
  csrf: string;
  req(method: InjectOptions['method'], url: string, payload?: unknown): Promise<{ status: number; body: any }>;
}

export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0];
  const csrf = res.json().csrf as string;
  return {
    cookie,
    csrf,
    async req(method, url, payload) {
      const r = await app.inject({
        method,
        url,
        headers: { cookie, ...(method !== 'GET' ? { 'x-csrf-token': csrf } : {}) },
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      let body: unknown = r.body;
      try {
        body = r.json();
      } catch {
        /* not JSON */
      }
      return { status: r.statusCode, body };
    },
  };
}

export async function testApp(store: Store, opts: { now?: () => number } = {}) {
  const org = await seedTestOrg(store);
  const { app, ctx } = await buildApp({ store, webRoot: null, now: opts.now });
  await app.ready();
  const clients: Partial<Record<Role | 'a1' | 'a2' | 'b1', Client>> = {};
  const as = async (u: Role | 'a1' | 'a2' | 'b1') => (clients[u] ??= await signIn(app, u));
  return { app, ctx: ctx as ServerContext, org, as };
}

/**
 * testApp with a movable clock: `setClock(ms)` moves it and signs everyone in again (sessions expire
 * after 8 h), `as(user)` signs in once per clock position.
 */
export async function testAppWithClock(store: Store, start: number) {
  let clock = start;
  const t = await testApp(store, { now: () => clock });
  let clients = new Map<string, Client>();
  const as = async (u: string) => {
    if (!clients.has(u)) clients.set(u, await signIn(t.app, u));
    return clients.get(u)!;
  };
  const setClock = (ms: number) => {
    clock = ms;
    clients = new Map();
  };
  return { ...t, as, setClock };
}
