import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { LIVE_PATH, ME_PATH, takeEarlyMe, takeEarlySocket } from './boot';
import { contract } from '../contract/index';
import { navItems } from './nav';
import { bootWithIds, bootWithPages, EARLY_ID_PLACEHOLDER, pageImports, pagePreloads, PAGES_PLACEHOLDER } from './bootPages';

test('the early sign-in check (/boot.js, src/web/bootEarly.js) asks the contract’s GET /api/auth/me; index.html loads it', () => {
  assert.equal(contract.platform.me.method, 'GET');
  assert.equal(ME_PATH, contract.platform.me.path);
  assert.match(readFileSync(new URL('./bootEarly.js', import.meta.url), 'utf8'), new RegExp(`fetch\\('${ME_PATH}'`));
  assert.match(readFileSync(new URL('./index.html', import.meta.url), 'utf8'), /<script async src="\/boot\.js"><\/script>/);
});

test('the early answer goes to the first sign-in check only (a later one, after signing in, asks again)', async () => {
  const g = globalThis as { __cfEarlyMe?: unknown };
  const early = Promise.resolve(new Response('{}'));
  g.__cfEarlyMe = early;
  assert.equal(takeEarlyMe(), early);
  assert.equal(takeEarlyMe(), null);
  // the script ran late (after the first check): its answer is never used
  g.__cfEarlyMe = Promise.resolve(new Response('{}', { status: 401 }));
  assert.equal(takeEarlyMe(), null);
});

test('every page of the menu can be fetched ahead of its render (preloadPageOf)', () => {
  for (const n of navItems) assert.equal(typeof n.page.preload, 'function', n.path);
});

test('the build finds the page module of every menu path in nav.ts (for boot.js to preload)', () => {
  const found = pageImports(readFileSync(new URL('./nav.ts', import.meta.url), 'utf8'));
  assert.deepEqual(
    [...found.keys()],
    navItems.map((n) => n.path),
  );
  assert.equal(found.get('/live/wallboard'), './pages/live/Wallboard');
  assert.equal(found.get('/people/teams'), './pages/people/Teams');
});

test("boot.js preloads a page's chunk and what it imports, not what the entry already loads", () => {
  const chunks = [
    { fileName: 'assets/index.js', isEntry: true, facadeModuleId: '/w/main.tsx', imports: ['assets/ui.js'] },
    { fileName: 'assets/ui.js', isEntry: false, facadeModuleId: null, imports: [] },
    { fileName: 'assets/Wallboard.js', isEntry: false, facadeModuleId: '/w/pages/live/Wallboard.tsx', imports: ['assets/ui.js', 'assets/liveData.js'] },
    { fileName: 'assets/liveData.js', isEntry: false, facadeModuleId: null, imports: ['assets/Chart.js'] },
    { fileName: 'assets/Chart.js', isEntry: false, facadeModuleId: null, imports: ['assets/ui.js'] },
    { fileName: 'assets/Alerts.js', isEntry: false, facadeModuleId: '/w/pages/live/Alerts.tsx', imports: ['assets/liveData.js'] },
  ];
  const pages = new Map([
    ['/live/wallboard', './pages/live/Wallboard'],
    ['/live/alerts', './pages/live/Alerts'],
    ['/gone', './pages/Gone'],
  ]);
  const built = pagePreloads(pages, chunks, (spec) => [`/w/${spec.slice(2)}.ts`, `/w/${spec.slice(2)}.tsx`]);
  const named = Object.fromEntries(Object.entries(built.pages).map(([p, ix]) => [p, ix.map((i) => built.files[i])]));
  assert.deepEqual(named, {
    '/live/wallboard': ['assets/Wallboard.js', 'assets/liveData.js', 'assets/Chart.js'],
    '/live/alerts': ['assets/Alerts.js', 'assets/liveData.js', 'assets/Chart.js'],
  });
  assert.deepEqual(built.missing, ['/gone']);
  // filled into the script in place of its empty list
  const template = readFileSync(new URL('./bootEarly.js', import.meta.url), 'utf8');
  assert.ok(template.includes(PAGES_PLACEHOLDER));
  const script = bootWithPages(template, built);
  assert.ok(!script.includes(PAGES_PLACEHOLDER));
  assert.ok(
    script.includes('"/live/wallboard":[0,1,2]') &&
      script.includes('"files":["assets/Wallboard.js","assets/liveData.js","assets/Chart.js","assets/Alerts.js"]'),
  );
});

/** Runs /boot.js at an address against a sign-in check answering `status` (once `answer()` is called): what it opened when. */
function runBoot(hash: string) {
  const sockets: { url: string; closed: boolean; listeners: Record<string, unknown> }[] = [];
  let answer!: (status: number) => void;
  const me = new Promise<{ ok: boolean }>((resolve) => (answer = (status) => resolve({ ok: status === 200 })));
  const window: Record<string, unknown> = {};
  class WebSocket {
    url: string;
    closed = false;
    listeners: Record<string, unknown> = {};
    constructor(url: string) {
      this.url = url;
      sockets.push(this);
    }
    addEventListener(type: string, f: unknown) {
      this.listeners[type] = f;
    }
    removeEventListener() {}
    close() {
      this.closed = true;
    }
  }
  const script = readFileSync(new URL('./bootEarly.js', import.meta.url), 'utf8');
  runInNewContext(script, {
    window,
    location: { hash, protocol: 'http:', host: 'floor.test' },
    fetch: () => me,
    WebSocket,
    document: { createElement: () => ({}), head: { appendChild() {} } },
  });
  return { window, sockets, answer: async (status: number) => (answer(status), await new Promise((r) => setTimeout(r, 0))) };
}

test('boot.js opens the live socket at once on the wallboard, else once signed in; not signed in, none is left for the app', async () => {
  for (const hash of ['#/live/wallboard', '#/live/wallboard?kiosk=1']) {
    const signedIn = runBoot(hash);
    // beside the sign-in check, not after its answer
    assert.equal(signedIn.sockets.length, 1, hash);
    assert.equal(signedIn.sockets[0]!.url, `ws://floor.test${LIVE_PATH}`);
    await signedIn.answer(200);
    assert.equal(signedIn.window.__cfEarlySocket, signedIn.sockets[0]);
    assert.equal(signedIn.sockets[0]!.closed, false);
    const signedOut = runBoot(hash);
    await signedOut.answer(401);
    assert.equal(signedOut.sockets[0]!.closed, true, hash);
    assert.equal(signedOut.window.__cfEarlySocket, null);
  }
  const home = runBoot('#/');
  assert.equal(home.sockets.length, 0);
  await home.answer(200);
  assert.equal(home.sockets.length, 1);
  assert.equal(home.window.__cfEarlySnapshot, undefined); // the snapshot is asked on the wallboard only
  const out = runBoot('#/');
  await out.answer(401);
  assert.equal(out.sockets.length, 0);
});

test('the app takes the early socket over only while it connects or is open, once', () => {
  const g = globalThis as { __cfEarlySocket?: unknown };
  for (const [readyState, taken] of [
    [0, true],
    [1, true],
    [2, false],
    [3, false],
  ] as const) {
    const sock = { readyState };
    g.__cfEarlySocket = sock;
    assert.equal(takeEarlySocket(), taken ? sock : null, `readyState ${readyState}`);
    assert.equal(takeEarlySocket(), null);
  }
});

test("boot.js asks the floor's snapshot early on the wallboard's address only, as the contract's socket message, with the id the app takes", async () => {
  const { FLOOR_SNAPSHOT_MESSAGE } = await import('../contract/live');
  const { EARLY_SNAPSHOT_ID, takeEarlySnapshot } = await import('./boot');
  const template = readFileSync(new URL('./bootEarly.js', import.meta.url), 'utf8');
  // the id is spelled once, in boot.ts: the script served (dev server and build) has it filled in
  assert.ok(!template.includes(EARLY_SNAPSHOT_ID) && template.includes(EARLY_ID_PLACEHOLDER));
  const src = bootWithIds(template);
  assert.ok(src.includes(`var EARLY_SNAPSHOT_ID = "${EARLY_SNAPSHOT_ID}";`) && !src.includes('__EARLY_SNAPSHOT_ID__'));
  assert.ok(src.includes(`{ type: '${FLOOR_SNAPSHOT_MESSAGE}', id: EARLY_SNAPSHOT_ID }`), 'the message boot.js sends');
  assert.ok(src.includes(`msg.id !== EARLY_SNAPSHOT_ID`), 'the answer boot.js keeps');
  assert.match(src, /var EARLY_SNAPSHOT_PATHS = \['\/live\/wallboard'\];/);
  assert.ok(navItems.some((n) => n.path === '/live/wallboard'));
  // the app's own asks are numbered (api.ts `${ask}#${n}`): never the early one's id
  assert.doesNotMatch(EARLY_SNAPSHOT_ID, /#\d+$/);
  // to the first taker only
  const g = globalThis as { __cfEarlySnapshot?: unknown };
  const early = Promise.resolve({ floor: null });
  g.__cfEarlySnapshot = early;
  assert.deepEqual(takeEarlySnapshot(), { later: early });
  assert.equal(takeEarlySnapshot(), null);
  // arrived before the page took it: handed over with the promise, for the page's first commit
  const g2 = globalThis as { __cfEarlySnapshot?: unknown; __cfEarlySnapshotAnswer?: unknown };
  g2.__cfEarlySnapshot = early;
  g2.__cfEarlySnapshotAnswer = { answer: { floor: 'f' } };
  assert.deepEqual(takeEarlySnapshot(), { answer: { floor: 'f' }, later: early });
});
