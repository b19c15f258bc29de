/**
 * `node --import tsx bench/wallboardTrace.ts [login|wallboard]` (issue 16): where the time to the wallboard's first
 * tiles goes. One navigation in a fresh context (an empty cache), as bench/wallboard.ts measures it, printed as a
 * waterfall from the Chrome DevTools Protocol: every request (start → end, ms after the document's request), the
 * live socket's open and frames, and the moment the first tile is in the DOM. Not a benchmark: one run, to read.
 * TRACE_TIMELINE=1 also records Chrome's timeline and prints the page's main thread up to that moment: its time by
 * kind of work (script, style, layout, paint, GC…, exclusive of what each contains) and its tasks over 4 ms.
 * WEB_ROOT: another build. TRACE_KIOSK=1: the wallboard's kiosk view (`#/live/wallboard?kiosk=1`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { benchApp } from './lib/app';
import { startServices, stopServices } from '../src/server/services';
import { migrate, openStore } from '../src/store/db';
import { seedTestOrg, TEST_PASSWORD } from '../src/server/testing';
import { acceptEvents } from '../src/server/eventFeed';
import { middayZone } from '../src/server/liveBoard.testutil';

const WEB_ROOT = process.env.WEB_ROOT ?? fileURLToPath(new URL('../dist/web', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const which = process.argv[2] === 'login' ? 'login' : 'wallboard';
const runs = Number(process.env.TRACE_RUNS ?? 2);
const timeline = process.env.TRACE_TIMELINE === '1';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; stackTrace?: { url?: string }[] } };
}

/**
 * The page's main thread in a Chrome trace, from the navigation's start to `endMark` (a user-timing mark): each event's
 * exclusive time summed by name, and the tasks over 4 ms with what took most of each (its largest inner event's name and script).
 */
function mainThread(events: TraceEvent[], endMark: string): string[] {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mark = events.find((e) => e.name === endMark);
  if (!mark) return [`(no ${endMark} mark in the trace)`];
  const main = mains.find((m) => m.pid === mark.pid) ?? mains[0]!;
  // the document's navigation (the page's about:blank before it may have one too)
  const start = Math.max(...events.filter((e) => e.name === 'navigationStart' && e.pid === main.pid && e.ts < mark.ts).map((e) => e.ts), 0) || mark.ts;
  const xs = events
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.ts >= start && e.ts < mark.ts && (e.dur ?? 0) > 0)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const label = (e: TraceEvent) => {
    const url = (e.args?.data?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? '').replace(/^https?:\/\/[^/]+/, '').slice(0, 60);
    const fn = e.args?.data?.functionName;
    return [e.name, url, fn].filter(Boolean).join(' ');
  };
  // each top-level task's exclusive time by label (event name and script), to name what it was
  const stack: { e: TraceEvent; end: number; inner: number }[] = [];
  const tasks: { e: TraceEvent; parts: Map<string, number> }[] = [];
  let parts = new Map<string, number>();
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1]!.end <= upTo) {
      const f = stack.pop()!;
      const generic = /RunTask|ThreadController|mojo|SimpleWatcher/.test(f.e.name);
      const key = generic ? '(task, not inside a traced event)' : f.e.name;
      const ex = f.e.dur! - f.inner;
      self.set(key, (self.get(key) ?? 0) + ex);
      const l = generic ? '(task)' : label(f.e);
      parts.set(l, (parts.get(l) ?? 0) + ex);
      if (!stack.length) {
        tasks.push({ e: f.e, parts });
        parts = new Map();
      }
    }
  };
  for (const e of xs) {
    close(e.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.inner += e.dur!;
    stack.push({ e, end: e.ts + e.dur!, inner: 0 });
  }
  close(Infinity);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const out = [`main thread to ${endMark} at ${((mark.ts - start) / 1000).toFixed(0)} ms: ${(total / 1000).toFixed(0)} ms busy, exclusive time by kind:`];
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).filter(([, v]) => v >= 1000)) out.push(`  ${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`);
  out.push('tasks over 4 ms (start ms, duration, its largest parts by exclusive time):');
  for (const t of tasks.filter((t) => t.e.dur! >= 4000)) {
    const top = [...t.parts].sort((a, b) => b[1] - a[1]).slice(0, 3);
    out.push(
      `  ${((t.e.ts - start) / 1000).toFixed(0).padStart(5)}  ${(t.e.dur! / 1000).toFixed(1).padStart(6)} ms  ${top.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(' · ')}`,
    );
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'cf-trace-wall-'));
const store = await openStore({ file: join(dir, 'bench.db') });
await migrate(store);
await seedTestOrg(store);
await store.db
  .updateTable('centers')
  .set({ timezone: middayZone(new Date().getUTCHours()) })
  .execute();
const { app, ctx } = await benchApp({ store, webRoot: WEB_ROOT, loginAttemptsPerMinute: 10_000 });
await startServices(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
await acceptEvents(
  ctx,
  ['A001', 'A002', 'B001'].map((agent, i) => ({ id: `trace-login-${i}`, ts: Date.now() - 60_000, type: 'agent.login' as const, agent })),
);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic'] });
try {
  for (let run = 0; run < runs; run++) {
    const bctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    if (which === 'wallboard') {
      const r = await bctx.request.post(`${url}/api/auth/login`, { data: { username: 'duty_manager', password: TEST_PASSWORD } });
      if (!r.ok()) throw new Error(`sign-in failed: ${r.status()}`);
    }
    const page = await bctx.newPage();
    const cdp = await bctx.newCDPSession(page);
    await cdp.send('Network.enable');
    const rows = new Map<string, { url: string; start: number; resp?: number; end?: number; size?: number }>();
    const lines: [number, string][] = [];
    let t0 = 0;
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!t0) t0 = e.timestamp;
      rows.set(e.requestId, { url: e.request.url.replace(url, ''), start: e.timestamp });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = rows.get(e.requestId);
      if (r) r.resp = e.timestamp;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = rows.get(e.requestId);
      if (r) Object.assign(r, { end: e.timestamp, size: e.encodedDataLength });
    });
    cdp.on('Network.webSocketCreated', (e) => lines.push([Date.now(), `ws created ${e.url.replace(/^ws:\/\/[^/]+/, '')}`]));
    const wsT = (ts: number, s: string) => lines.push([ts, s]);
    const mono: [number, string][] = [];
    cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => mono.push([e.timestamp, 'ws handshake sent']));
    cdp.on('Network.webSocketHandshakeResponseReceived', (e) => mono.push([e.timestamp, 'ws open']));
    cdp.on('Network.webSocketFrameSent', (e) => mono.push([e.timestamp, `ws → ${e.response.payloadData.slice(0, 90)}`]));
    cdp.on('Network.webSocketFrameReceived', (e) =>
      mono.push([e.timestamp, `ws ← ${e.response.payloadData.slice(0, 90)} (${e.response.payloadData.length} B)`]),
    );
    void wsT;
    await page.addInitScript(() => {
      const w = window as unknown as { __tileAt?: number; __marks: [number, string][] };
      w.__marks = [];
      new MutationObserver(() => {
        if (w.__tileAt === undefined && document.querySelector('[data-testid^=tile-][data-state]')) {
          w.__tileAt = performance.now();
          performance.mark('cf-first-tile');
        }
        if (!w.__marks.some((m) => m[1] === 'login form') && document.querySelector('input[name=username]')) {
          w.__marks.push([performance.now(), 'login form']);
          performance.mark('cf-login-form');
        }
      }).observe(document, { childList: true, subtree: true });
    });
    if (timeline)
      await browser.startTracing(page, {
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'toplevel'],
      });
    const t = performance.now();
    await page.goto(`${url}/#/${which === 'wallboard' ? `live/wallboard${process.env.TRACE_KIOSK === '1' ? '?kiosk=1' : ''}` : ''}`);
    await page.waitForSelector(which === 'wallboard' ? '[data-testid^=tile-][data-state]' : 'input[name=username]');
    const total = performance.now() - t;
    await page.waitForTimeout(200);
    const trace = timeline ? await browser.stopTracing() : null;
    const { tileAt, marks, nav } = await page.evaluate(() => {
      const w = window as unknown as { __tileAt?: number; __marks: [number, string][] };
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { tileAt: w.__tileAt, marks: w.__marks, nav: { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd } };
    });
    console.log(
      `\n== ${which} run ${run + 1}: ${total.toFixed(0)} ms by the bench's clock; DOMContentLoaded ${nav.dcl.toFixed(0)}, load ${nav.load.toFixed(0)}, first tile at ${tileAt?.toFixed(0) ?? '-'} ms (page clock)`,
    );
    for (const m of marks) console.log(`   ${m[0].toFixed(0).padStart(5)}  ${m[1]}`);
    const ms = (x?: number) => (x === undefined ? '    -' : ((x - t0) * 1000).toFixed(0).padStart(5));
    const all: [number, string][] = [
      ...[...rows.values()].map(
        (r) =>
          [r.start, `${ms(r.start)} →${ms(r.resp)} →${ms(r.end)}  ${(((r.size ?? 0) / 1024).toFixed(1) + ' KB').padStart(9)}  ${r.url.slice(0, 90)}`] as [
            number,
            string,
          ],
      ),
      ...mono.map(([ts, s]) => [ts, `${ms(ts)}                         ${s}`] as [number, string]),
    ];
    all.sort((a, b) => a[0] - b[0]);
    for (const [, s] of all) console.log(`  ${s}`);
    if (trace) {
      const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
      for (const line of mainThread(events, which === 'wallboard' ? 'cf-first-tile' : 'cf-login-form')) console.log(line);
    }
    await bctx.close();
  }
} finally {
  await browser.close();
  await stopServices(ctx);
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
