/**
 * Every route × every role. Two checks:
 * 1. each route's declared access equals the reviewed table below — a new route, or a changed rule,
 *    fails here until someone writes down who may call it;
 * 2. the running server enforces it: a denied role gets 403 (reason 'role'), an allowed role never
 *    does, and without a session every non-public route answers 401.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES } from '../core/roles';
import { freshStore } from '../store/testing';
import { allRoutes } from './routes/index';
import { buildApp } from './app';
import { seedTestOrg, signIn } from './testing';

const ADM = 'admin,center_manager';
const STAFF = 'admin,center_manager,duty_manager,team_lead,qa,wfm,trainer,expert';
const KB_ED = 'admin,center_manager,trainer,expert';
const KB_REV = 'admin,center_manager,duty_manager,qa';

/** The reviewed access table: 'public', 'any' (any signed-in user, scoped in the handler) or roles. */
export const EXPECTED_ACCESS: Record<string, string> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'any',
  'GET /api/auth/me': 'any',
  'PUT /api/auth/locale': 'any',
  'POST /api/auth/password': 'any',
  'GET /api/centers': 'any',
  'GET /api/teams': 'any',
  'POST /api/teams': ADM,
  'PATCH /api/teams/:id': ADM,
  'GET /api/agents': 'any',
  'GET /api/agents/:id': 'any',
  'POST /api/agents': ADM,
  'PATCH /api/agents/:id': ADM,
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PUT /api/users/:id/roles': 'admin',
  'PATCH /api/users/:id': 'admin',
  'GET /api/audit': ADM,
  'GET /api/settings/:key': STAFF,
  'PUT /api/settings/:key': ADM,
  // knowledge base
  'GET /api/kb/categories': 'any',
  'POST /api/kb/categories': KB_ED,
  'GET /api/kb/articles': 'any',
  'POST /api/kb/articles': KB_ED,
  'GET /api/kb/articles/:id': 'any',
  'PUT /api/kb/articles/:id': KB_ED,
  'GET /api/kb/articles/:id/versions': KB_ED + ',duty_manager,qa',
  'POST /api/kb/articles/:id/versions/:version/submit': KB_ED,
  'POST /api/kb/articles/:id/versions/:version/review': KB_REV,
  'POST /api/kb/articles/:id/versions/:version/restore': KB_ED,
  'POST /api/kb/articles/:id/archive': KB_ED,
  'POST /api/kb/articles/:id/vote': 'any',
  'POST /api/kb/articles/:id/attachments': KB_ED,
  'GET /api/kb/attachments/:id': 'any',
  'GET /api/kb/review-queue': KB_REV,
  'GET /api/kb/search': 'any',
  'GET /api/kb/suggest': 'any',
  'GET /api/kb/stats': 'admin,center_manager,duty_manager,qa,trainer,expert',
  // work orders (who may move an order is the core's data, checked in the handler)
  'GET /api/workorders/config': 'any',
  'GET /api/workorders': 'any',
  'POST /api/workorders': 'any',
  'GET /api/workorders/callbacks': 'any',
  'GET /api/workorders/reports': 'admin,center_manager,duty_manager,qa,team_lead',
  'GET /api/workorders/repeat-complainers': 'qa,duty_manager,center_manager,expert',
  'POST /api/workorders/departments': ADM,
  'GET /api/workorders/:id': 'any',
  'POST /api/workorders/:id/transitions': 'any',
  'POST /api/workorders/:id/attempts': 'any',
  'POST /api/workorders/:id/qa-review': 'qa,duty_manager,center_manager,expert',
  'PUT /api/workorders/:id/call': 'any',
  'GET /api/notifications': 'any',
  'POST /api/notifications/read': 'any',
};

const declared = (a: (typeof allRoutes)[number]['access']) => (typeof a === 'string' ? a : [...a].sort().join(','));
const norm = (s: string) => (s === 'public' || s === 'any' ? s : s.split(',').sort().join(','));

test('every route declares access and matches the reviewed table', () => {
  const missing: string[] = [];
  for (const r of allRoutes) {
    const key = `${r.method} ${r.url}`;
    if (!(key in EXPECTED_ACCESS)) missing.push(`${key} (declares ${declared(r.access)})`);
    else assert.equal(declared(r.access), norm(EXPECTED_ACCESS[key]), `access of ${key}`);
  }
  assert.deepEqual(missing, [], 'routes missing from EXPECTED_ACCESS');
  const stale = Object.keys(EXPECTED_ACCESS).filter((k) => !allRoutes.some((r) => `${r.method} ${r.url}` === k));
  assert.deepEqual(stale, [], 'EXPECTED_ACCESS lists routes that no longer exist');
});

test('the server enforces the matrix for every role', async () => {
  const store = await freshStore('sqlite');
  await seedTestOrg(store);
  const { app } = await buildApp({ store, webRoot: null, loginAttemptsPerMinute: 10_000 });
  await app.ready();
  // logout last, it ends the session used for the rest
  const routes = [...allRoutes].sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
  const url = (u: string) => u.replace(/:[A-Za-z_]+/g, '1');
  const problems: string[] = [];
  for (const r of routes) {
    if (r.access === 'public') continue;
    const anon = await app.inject({ method: r.method, url: url(r.url), payload: r.method === 'GET' ? undefined : {} });
    if (anon.statusCode !== 401) problems.push(`anonymous ${r.method} ${r.url} → ${anon.statusCode}`);
  }
  for (const role of ROLES) {
    const c = await signIn(app, role === 'agent' ? 'a1' : role);
    for (const r of routes) {
      const res = await c.req(r.method, url(r.url), r.method === 'GET' ? undefined : {});
      const roleDenied = res.status === 403 && res.body?.reason === 'role';
      const expected = EXPECTED_ACCESS[`${r.method} ${r.url}`];
      const allowed = expected === 'public' || expected === 'any' || expected.split(',').includes(role);
      if (allowed && (roleDenied || res.status === 401)) problems.push(`${role} refused on ${r.method} ${r.url} (${res.status})`);
      if (!allowed && !roleDenied) problems.push(`${role} not refused on ${r.method} ${r.url} (${res.status})`);
    }
  }
  assert.deepEqual(problems, []);
  await app.close();
  await store.close();
});
