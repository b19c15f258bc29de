/**
 * Issue 10 (findings 7, 8, 10): sign-in cannot be slowed, input is checked at the edge, answers carry
 * security headers. Counts are computed by hand from the limits set in each test, never read back from the code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachDatabase, freshStore } from '../store/testing';
import { buildApp } from './app';
import type { DomainError } from '../core/errors';
import { parseTimeArg } from '../ingest/time';
import { HASH_CONCURRENCY, resetScryptStats, scryptStats } from './password';
import { allRoutes } from './routes/index';
import { isDateAtom, isEpochAtom } from './schemas';
import { seedTestOrg, signIn, testApp, TEST_PASSWORD } from './testing';

const login = (
  app: Awaited<ReturnType<typeof buildApp>>['app'],
  username: string,
  password: string,
  remoteAddress = '127.0.0.1',
  headers: Record<string, string> = {},
) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });

// ------------------------------------------------------------------------------------------------
// Login cannot be slowed (finding 7)

test('25 parallel bogus logins are limited per address; a real login meanwhile succeeds; scrypt never runs more than the cap at once', async () => {
  const store = await freshStore('sqlite');
  await seedTestOrg(store);
  const { app } = await buildApp({ store, webRoot: null, loginAttemptsPerMinute: 10, loginAttemptsPerIpPerMinute: 10 });
  try {
    resetScryptStats();
    const bogus = Array.from({ length: 25 }, (_, i) => login(app, `ghost-${i}`, 'not-the-password', '10.0.0.66'));
    const real = login(app, 'admin', TEST_PASSWORD, '10.0.0.7');
    const [answers, mine] = await Promise.all([Promise.all(bogus), real]);
    const codes = answers.map((r) => r.statusCode);
    // 10 attempts allowed per address per minute: 10 × 401, the other 15 × 429 before any hashing
    assert.equal(codes.filter((c) => c === 401).length, 10);
    assert.equal(codes.filter((c) => c === 429).length, 15);
    const limited = answers.find((r) => r.statusCode === 429)!;
    assert.equal(limited.json().reason, 'rateLimited');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.ok(scryptStats.maxActive <= HASH_CONCURRENCY, `max ${scryptStats.maxActive} scrypt at once, cap ${HASH_CONCURRENCY}`);
    // 10 bogus attempts verified against the dummy hash + 1 real: the 15 limited ones cost no hashing
    assert.equal(scryptStats.calls, 11);
  } finally {
    await app.close();
    await store.close();
  }
});

test('per user name from any address: the 4th failure on one name is limited; a success gives the attempt back', async () => {
  const store = await freshStore('sqlite');
  await seedTestOrg(store);
  const { app } = await buildApp({ store, webRoot: null, loginAttemptsPerMinute: 3, loginAttemptsPerIpPerMinute: 100 });
  try {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await login(app, 'qa', 'wrong-wrong-wrong', `10.1.0.${i}`)).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 429]);
    // successes do not use up the allowance: 5 sign-ins of admin from one address in a row all pass with limit 3
    for (let i = 0; i < 5; i++) assert.equal((await login(app, 'admin', TEST_PASSWORD, '10.2.0.1')).statusCode, 200);
  } finally {
    await app.close();
    await store.close();
  }
});

forEachDatabase('unknown user and wrong password answer the same status and body, both after one hash', async (_t, store) => {
  const { app } = await testApp(store);
  try {
    resetScryptStats();
    const wrong = await login(app, 'admin', 'not-the-password');
    const afterWrong = scryptStats.calls;
    const unknown = await login(app, 'nobody-here', 'not-the-password');
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, wrong.statusCode);
    assert.equal(unknown.body, wrong.body);
    assert.equal(unknown.headers['set-cookie'], undefined);
    // one scrypt each: the unknown name is verified against a dummy hash, not answered early
    assert.equal(afterWrong, 1);
    assert.equal(scryptStats.calls, 2);
    // a password longer than any account can have is refused before hashing
    const long = await login(app, 'admin', 'x'.repeat(129));
    assert.equal(long.statusCode, 400);
    assert.equal(long.json().reason, 'password.tooLong');
    assert.equal(long.json().field, 'body.password');
    assert.equal(scryptStats.calls, 2);
  } finally {
    await app.close();
  }
});

forEachDatabase('password rules at set time: length 10–128, not blank, not common; named field and reason', async (_t, store) => {
  const { app, as } = await testApp(store);
  try {
    const admin = await as('admin');
    const cases: Array<[string, string]> = [
      ['password', 'password.tooShort'], // 8 characters (and common)
      ['        ', 'password.blank'], // 8 spaces
      ['           ', 'password.blank'], // 11 spaces: long enough, still blank
      ['abcdefghi', 'password.tooShort'], // 9 characters
      ['a'.repeat(201), 'password.tooLong'],
      ['a'.repeat(129), 'password.tooLong'],
      ['password123', 'password.common'], // 11 characters, in the common-password list
      ['QWERTYUIOP', 'password.common'], // case-insensitive
    ];
    const usersBefore = (await admin.req('GET', '/api/users')).body.length;
    for (const [pw, reason] of cases) {
      const r = await admin.req('POST', '/api/users', { username: 'newbie', displayName: '新人', password: pw, roles: ['qa'] });
      assert.equal(r.status, 400, `${JSON.stringify(pw)}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.field, 'body.password');
      assert.equal(r.body.reason, reason, JSON.stringify(pw));
      assert.equal(r.body.params.field, 'body.password');
      const reset = await admin.req('PATCH', `/api/users/${(await admin.req('GET', '/api/users')).body[0].id}`, { password: pw });
      assert.equal(reset.status, 400);
      assert.equal(reset.body.reason, reason);
    }
    assert.equal((await admin.req('GET', '/api/users')).body.length, usersBefore);

    // self change: the new password is checked the same way; the old one still works afterwards
    const qa = await signIn(app, 'qa');
    for (const [pw, reason] of cases) {
      const r = await qa.req('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: pw });
      assert.equal(r.status, 400);
      assert.equal(r.body.field, 'body.newPassword');
      assert.equal(r.body.reason, reason);
    }
    assert.equal((await login(app, 'qa', TEST_PASSWORD)).statusCode, 200);

    // 10 characters exactly and a 128-character one are accepted and sign in
    const ten = 'kestrel-42';
    assert.equal([...ten].length, 10);
    const created = await admin.req('POST', '/api/users', { username: 'newbie', displayName: '新人', password: ten, roles: ['qa'] });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.equal((await login(app, 'newbie', ten)).statusCode, 200);
    const max = 'harbour-'.repeat(16);
    assert.equal(max.length, 128);
    assert.equal((await qa.req('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: max })).status, 200);
    assert.equal((await login(app, 'qa', max)).statusCode, 200);
  } finally {
    await app.close();
  }
});

// ------------------------------------------------------------------------------------------------
// Input at the edge (finding 8)

forEachDatabase('a NUL byte anywhere in body, query or params → 400 naming the field, nothing stored', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  try {
    const admin = await as('admin');
    const teams = (await admin.req('GET', '/api/teams')).body.length;
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/teams', { name: '夜班\u0000组' }, 'body.name'],
      ['PATCH', `/api/teams/${org.teamA}`, { name: 'A\u0000' }, 'body.name'],
      ['POST', '/api/agents', { employeeNo: 'N\u00001', name: '空字符', teamId: org.teamA, hireDate: '2026-01-05' }, 'body.employeeNo'],
      ['PATCH', `/api/agents/${org.agents.a1}`, { queues: ['general', 'vip\u0000'] }, 'body.queues.1'],
      ['PUT', '/api/settings/kb.synonyms', { value: [['a', 'b\u0000']] }, 'body.value.0.1'],
      ['GET', '/api/audit?entity=team%00x', undefined, 'query.entity'],
      ['GET', '/api/settings/a%00b', undefined, 'params.key'],
    ];
    for (const [method, url, payload, field] of cases) {
      const r = await admin.req(method as 'POST', url, payload);
      assert.equal(r.status, 400, `${method} ${url}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.field, field);
      assert.equal(r.body.reason, 'input.nulByte');
      assert.equal(r.body.params.field, field);
    }
    assert.equal((await admin.req('GET', '/api/teams')).body.length, teams);
    const a1 = (await admin.req('GET', `/api/agents/${org.agents.a1}`)).body;
    assert.deepEqual(a1.queues, ['general']);
    assert.equal((await admin.req('GET', '/api/settings/kb.synonyms')).body.value, null);
  } finally {
    await app.close();
  }
});

type ZodLike = { _zod: { def: Record<string, any> } };
type Parsable = { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; params?: { reason?: string } }> } } };
interface DateField {
  path: string[];
  leaf: Parsable;
  viaUnion: boolean;
}
/** Every date atom in a route schema: its path ('*' for array elements), the atom, and whether a union lies on the way. */
function datePaths(schema: unknown, path: string[] = [], viaUnion = false): DateField[] {
  const s = schema as ZodLike | undefined;
  if (!s?._zod) return [];
  if (isDateAtom(s)) return [{ path, leaf: s as unknown as Parsable, viaUnion }];
  const def = s._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) => datePaths(v, [...path, k], viaUnion));
    case 'array':
      return datePaths(def.element, [...path, '*'], viaUnion);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return datePaths(def.innerType, path, viaUnion);
    case 'pipe':
      return [...datePaths(def.in, path, viaUnion), ...datePaths(def.out, path, viaUnion)];
    case 'union':
      return (def.options as unknown[]).flatMap((o) => datePaths(o, path, true));
    default:
      return [];
  }
}
/** A value with `bad` at path (arrays of one element). */
function valueAt(path: string[], bad: string): unknown {
  if (!path.length) return bad;
  const [head, ...rest] = path;
  return head === '*' ? [valueAt(rest, bad)] : { [head!]: valueAt(rest, bad) };
}

test('every route date field is a shared date atom that refuses 2026-13-45, 0001-01-01 and 9999-12-31 with a reason', () => {
  const BAD: Array<[string, string]> = [
    ['2026-13-45', 'input.badDate'],
    ['2026-02-30', 'input.badDate'],
    ['0001-01-01', 'input.dateOutOfRange'],
    ['9999-12-31', 'input.dateOutOfRange'],
  ];
  let checked = 0;
  const routesWithDates = new Set<string>();
  for (const r of allRoutes) {
    for (const where of ['body', 'query', 'params'] as const) {
      const schema = r[where] as unknown as Parsable | undefined;
      for (const f of datePaths(schema)) {
        routesWithDates.add(`${r.method} ${r.url}`);
        // through the route's own schema; inside a union (whose other members need their discriminator) through the atom
        const target = f.viaUnion ? f.leaf : schema!;
        const path = f.viaUnion ? [] : f.path;
        const key = path.map((p) => (p === '*' ? '0' : p)).join('.');
        const issueAt = (v: string) => target.safeParse(valueAt(path, v)).error?.issues.find((i) => i.path.map(String).join('.') === key);
        const isMonth = !issueAt('2026-05'); // the month atom takes YYYY-MM
        const where_ = `${r.method} ${r.url} ${where}.${f.path.join('.')}`;
        for (const [bad0, reason] of BAD) {
          const bad = isMonth ? bad0.slice(0, 7) : bad0; // 2026-13, 0001-01, 9999-12 (2026-02 is a real month: skipped)
          if (isMonth && bad === '2026-02') continue;
          const issue = issueAt(bad);
          assert.ok(issue, `${where_}: accepted ${bad}`);
          assert.equal(issue.params?.reason, reason, `${where_} ${bad}`);
          checked++;
        }
        // a real date in range passes the atom (no issue at that path)
        assert.equal(issueAt(isMonth ? '2026-02' : f.path.includes('weekStart') ? '2026-11-02' : '2024-02-29'), undefined, `${where_} refused a valid date`);
      }
    }
  }
  // the probe found dates on 5 routes; the walk must find at least those (agents ×2, wfm leave, live range, contests)
  for (const must of ['POST /api/agents', 'PATCH /api/agents/:id', 'POST /api/wfm/leave', 'POST /api/performance/contests'])
    assert.ok(routesWithDates.has(must), `${must} has no date atom`);
  assert.ok(routesWithDates.size >= 15, `only ${routesWithDates.size} routes with dates found`);
  assert.ok(checked >= 15 * 3);
});

test('no route keeps a hand-written date field outside the shared atoms', () => {
  // string fields whose name says "date" or "month" must be date atoms (numbers — epoch ms, month numbers — are not strings)
  const offenders: string[] = [];
  const walk = (schema: unknown, path: string[], route: string) => {
    const s = schema as ZodLike | undefined;
    if (!s?._zod) return;
    const def = s._zod.def;
    const name = path.at(-1) ?? '';
    if (def.type === 'string' && /date|Date|month|Month|^(from|to)$|On$|week|Week/.test(name) && !isDateAtom(s)) offenders.push(`${route} ${path.join('.')}`);
    if (def.type === 'object') for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) walk(v, [...path, k], route);
    if (def.type === 'array') walk(def.element, [...path, '*'], route);
    if (def.innerType) walk(def.innerType, path, route);
    if (def.type === 'pipe') {
      walk(def.in, path, route);
      walk(def.out, path, route);
    }
    if (def.type === 'union') for (const o of def.options) walk(o, path, route);
  };
  for (const r of allRoutes) for (const where of ['body', 'query', 'params'] as const) walk(r[where], [where], `${r.method} ${r.url}`);
  // the KPI report takes times as well as dates (YYYY-MM-DD, YYYY-MM-DDTHH:MM, ISO, epoch): parseTimeArg
  // (src/ingest/time.ts) checks their date part with the same calendar rule (tested below)
  const allowed = new Set(['GET /api/reports/kpi query.from', 'GET /api/reports/kpi query.to']);
  assert.deepEqual(
    offenders.filter((o) => !allowed.has(o)),
    [],
  );
  for (const [bad, reason] of [
    ['2026-13-45', 'input.badDate'],
    ['2026-02-30T08:00', 'input.badDate'],
    ['0001-01-01', 'input.dateOutOfRange'],
    ['9999-12-31', 'input.dateOutOfRange'],
  ])
    assert.throws(
      () => parseTimeArg(bad, 480, 'from'),
      (e: DomainError) => e.reason === reason && e.field === 'from',
      bad,
    );
  // what the report has always accepted still parses: 2026-11-02 local midnight at UTC+8 = 2026-11-01 16:00 UTC
  assert.equal(parseTimeArg('2026-11-02', 480, 'from'), Date.UTC(2026, 10, 1, 16));
});

forEachDatabase('bad dates over HTTP: 400 with the reason, nothing stored', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  try {
    const admin = await as('admin');
    const wfm = await as('wfm');
    const agents = (await admin.req('GET', '/api/agents')).body.length;
    for (const [bad, reason] of [
      ['2026-13-45', 'input.badDate'],
      ['0001-01-01', 'input.dateOutOfRange'],
      ['9999-12-31', 'input.dateOutOfRange'],
    ]) {
      const c = await admin.req('POST', '/api/agents', { employeeNo: `D${bad}`, name: '日期', teamId: org.teamA, hireDate: bad });
      assert.equal(c.status, 400);
      assert.equal(c.body.field, 'body.hireDate');
      assert.equal(c.body.reason, reason);
      assert.equal(c.body.params.field, 'body.hireDate');
      const p = await admin.req('PATCH', `/api/agents/${org.agents.a1}`, { leftDate: bad });
      assert.equal(p.status, 400);
      assert.equal(p.body.field, 'body.leftDate');
      const l = await wfm.req('POST', '/api/wfm/leave', { agentId: org.agents.a1, date: bad });
      assert.equal(l.status, 400);
      assert.equal(l.body.field, 'body.date');
      assert.equal(l.body.reason, reason);
    }
    assert.equal((await admin.req('GET', '/api/agents')).body.length, agents);
    assert.equal((await admin.req('GET', `/api/agents/${org.agents.a1}`)).body.hire_date, '2024-05-01');
  } finally {
    await app.close();
  }
});

forEachDatabase('20 concurrent saves of one KB article: 1 × 200, 19 × 409, no 500, one new version stored', async (_t, store) => {
  const { app, as } = await testApp(store);
  try {
    const trainer = await as('trainer');
    const cat = await trainer.req('POST', '/api/kb/categories', { name: '并发', module: 'faq' });
    const art = await trainer.req('POST', '/api/kb/articles', { categoryId: cat.body.id, title: '并发保存', bodyHtml: '<p>v1</p>' });
    assert.equal(art.status, 200);
    const id = art.body.id;
    const saves = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        trainer.req('PUT', `/api/kb/articles/${id}`, { categoryId: cat.body.id, title: `并发保存 ${i}`, bodyHtml: `<p>v2 by ${i}</p>`, baseVersion: 1 }),
      ),
    );
    const codes = saves.map((s) => s.status);
    assert.equal(codes.filter((c) => c === 200).length, 1, JSON.stringify(codes));
    assert.equal(codes.filter((c) => c === 409).length, 19, JSON.stringify(codes));
    const stale = saves.find((s) => s.status === 409)!;
    assert.equal(stale.body.reason, 'kb.staleVersion');
    assert.equal(stale.body.field, 'baseVersion');
    assert.equal(saves.find((s) => s.status === 200)!.body.version, 2);
    const versions = (await trainer.req('GET', `/api/kb/articles/${id}/versions`)).body;
    assert.equal(versions.length, 2);
    // a save based on the version now current goes through
    const next = await trainer.req('PUT', `/api/kb/articles/${id}`, { categoryId: cat.body.id, title: '并发保存', bodyHtml: '<p>v3</p>', baseVersion: 2 });
    assert.equal(next.status, 200);
    assert.equal(next.body.version, 3);
  } finally {
    await app.close();
  }
});

// ------------------------------------------------------------------------------------------------
// Headers and cookies (finding 10)

test('security headers on the SPA and the API; HSTS and Secure cookie only over HTTPS (trusted proxy)', async () => {
  const store = await freshStore('sqlite');
  await seedTestOrg(store);
  const web = mkdtempSync(join(tmpdir(), 'cf-web-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>');
  const { app } = await buildApp({ store, webRoot: web, trustProxy: true });
  try {
    for (const url of ['/', '/api/health', '/some/spa/route']) {
      const r = await app.inject({ method: 'GET', url });
      assert.equal(r.statusCode, 200, url);
      const csp = String(r.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/, url);
      assert.match(csp, /script-src 'self'(;|$)/, url); // no 'unsafe-inline' for scripts
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.match(csp, /object-src 'none'/, url);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(r.headers['referrer-policy'], 'strict-origin-when-cross-origin', url);
      assert.equal(r.headers['x-frame-options'], 'DENY', url);
      assert.equal(r.headers['strict-transport-security'], undefined, `${url}: no HSTS over plain HTTP`);
    }
    const plain = await login(app, 'admin', TEST_PASSWORD);
    assert.equal(plain.statusCode, 200);
    assert.doesNotMatch(String(plain.headers['set-cookie']), /Secure/i);
    const https = await login(app, 'admin', TEST_PASSWORD, '127.0.0.1', { 'x-forwarded-proto': 'https' });
    assert.equal(https.statusCode, 200);
    assert.match(String(https.headers['set-cookie']), /;\s*Secure/i);
    assert.match(String(https.headers['strict-transport-security']), /max-age=\d+/);
  } finally {
    await app.close();
  }
  // without trustProxy the header is ignored (a client cannot claim HTTPS itself)
  const { app: app2 } = await buildApp({ store, webRoot: null });
  try {
    const r = await login(app2, 'admin', TEST_PASSWORD, '127.0.0.1', { 'x-forwarded-proto': 'https' });
    assert.equal(r.statusCode, 200);
    assert.doesNotMatch(String(r.headers['set-cookie']), /Secure/i);
    // CALLFLOOR_SECURE_COOKIES=1 still forces it
    const { app: forced } = await buildApp({ store, webRoot: null, secureCookies: true });
    const f = await login(forced, 'admin', TEST_PASSWORD);
    assert.match(String(f.headers['set-cookie']), /;\s*Secure/i);
    await forced.close();
  } finally {
    await app2.close();
    await store.close();
  }
});

test('every route time field in epoch ms is a shared atom that refuses times outside 2000–2100 with a reason', () => {
  // number fields named like a time (ts, start, end, startedAt, fromTs, appointmentFrom, from/to in a query…)
  const TIME_NAME = /^(ts|start|end|from|to|fromTs|toTs|startedAt|appointmentFrom|appointmentTo)$/;
  const offenders: string[] = [];
  const atoms: Array<{ where: string; atom: Parsable }> = [];
  const walk = (schema: unknown, path: string[], route: string) => {
    const s = schema as ZodLike | undefined;
    if (!s?._zod) return;
    const def = s._zod.def;
    const name = path.at(-1) ?? '';
    if (isEpochAtom(s)) {
      atoms.push({ where: `${route} ${path.join('.')}`, atom: s as unknown as Parsable });
      return;
    }
    if ((def.type === 'number' || (def.type === 'pipe' && def.in?._zod?.def?.type === 'number')) && TIME_NAME.test(name))
      offenders.push(`${route} ${path.join('.')}`);
    if (def.type === 'object') for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) walk(v, [...path, k], route);
    if (def.type === 'array') walk(def.element, [...path, '*'], route);
    if (def.innerType) walk(def.innerType, path, route);
    if (def.type === 'union') for (const o of def.options) walk(o, path, route);
  };
  for (const r of allRoutes) for (const where of ['body', 'query', 'params'] as const) walk(r[where], [where], `${r.method} ${r.url}`);
  // the attendance import checks each shift's times in its per-line validation (same reason, the line named)
  const perLine = new Set(['POST /api/people/attendance/import body.shifts.*.start', 'POST /api/people/attendance/import body.shifts.*.end']);
  assert.deepEqual(
    offenders.filter((o) => !perLine.has(o)),
    [],
  );
  assert.ok(atoms.length >= 10, `only ${atoms.length} epoch fields found`);
  const jan2000 = 946_684_800_000; // 2000-01-01T00:00Z, by hand: 10,957 days × 86,400,000 ms
  for (const { where, atom } of atoms) {
    for (const bad of [0, jan2000 - 1, 9e15, 1_796_054_400_000_000]) {
      const r = atom.safeParse(bad);
      assert.equal(r.success, false, `${where} accepted ${bad}`);
      assert.equal(r.error!.issues[0]!.params?.reason, 'input.dateOutOfRange', `${where} ${bad}`);
    }
    assert.equal(atom.safeParse(jan2000).success, true, `${where} refused 2000-01-01`);
    assert.equal(atom.safeParse(Date.UTC(2026, 11, 6, 8)).success, true, `${where} refused a time in 2026`);
  }
});
