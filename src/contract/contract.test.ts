/**
 * The contract is checked by machines (issue 13):
 * - the compiler refuses web code that reads a field the server's answer does not have, and a
 *   handler whose answer does not match its entry (a fixture compiled with the TypeScript API);
 * - every route implements a contract entry and every entry is implemented by exactly one route;
 * - a test server refuses (500 `contract`) an answer that does not match its schema;
 * - the OpenAPI document carries each entry's answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { z } from 'zod';
import { allEndpoints, allTopics, contract, endpoint, topicMatches, topicName, topics, urlOf } from './index';
import { allRoutes } from '../server/routes/index';
import { implement } from '../server/route';
import { buildApp } from '../server/app';
import { freshStore } from '../store/testing';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Type-checks `code` as a file beside the project's sources (the project's compiler options); returns the errors. */
function compile(code: string): { line: number; code: number; text: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'cf-contract-'));
  try {
    const file = join(dir, 'fixture.ts');
    writeFileSync(file, code.replaceAll('@/', `${ROOT}src/`));
    const cfg = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(cfg.config, ts.sys, ROOT);
    const program = ts.createProgram([file], { ...options, noEmit: true });
    const sf = program.getSourceFile(file)!;
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => ({
      line: d.start === undefined ? -1 : sf.getLineAndCharacterOfPosition(d.start).line + 1,
      code: d.code,
      text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FIXTURE = `import { call } from '@/web/api';
import { contract } from '@/contract/index';
import { implement } from '@/server/route';
export async function wallboard() {
  const floor = await call(contract.live.floorNow);
  const calls: number = floor.agents[0].callsToday;
  const sl: number | null = floor.queues[0].serviceLevel;
  return [calls, sl, /*BROKEN-WEB*/ floor.agents[0].mood];
}
export const route = implement(contract.live.setPieceRate, async ({ body }) => ({ rate: /*BROKEN-SERVER*/ String(body.rate) }));
`;

test('the compiler refuses web code reading a field the answer lacks, and a handler answering off-contract', () => {
  const lineOf = (marker: string) => FIXTURE.split('\n').findIndex((l) => l.includes(marker)) + 1;
  const broken = compile(FIXTURE);
  // exactly two errors, on the two marked lines: no such property (2339); string is not assignable to number (2322)
  assert.deepEqual(
    broken.map((d) => [d.line, d.code]),
    [
      [lineOf('BROKEN-WEB'), 2339],
      [lineOf('BROKEN-SERVER'), 2322],
    ],
    JSON.stringify(broken, null, 1),
  );
  assert.match(broken[0].text, /Property 'mood' does not exist/);
  // the same fixture without the broken parts compiles
  const clean = FIXTURE.replace('/*BROKEN-WEB*/ floor.agents[0].mood', 'floor.agents[0].name').replace('/*BROKEN-SERVER*/ String(body.rate)', 'body.rate');
  assert.deepEqual(compile(clean), []);
});

test('every route implements a contract entry and every entry is implemented by exactly one route', () => {
  const entries = allEndpoints();
  const implemented = new Map<unknown, number>();
  for (const r of allRoutes) {
    assert.ok(r.endpoint, `${r.method} ${r.url} is declared with route(), not from the contract`);
    assert.ok(
      entries.some((e) => e.endpoint === r.endpoint),
      `${r.method} ${r.url} implements an endpoint that is not in src/contract/index.ts`,
    );
    assert.equal(`${r.method} ${r.url}`, `${r.endpoint.method} ${r.endpoint.path}`);
    assert.deepEqual(r.access, r.endpoint.access);
    implemented.set(r.endpoint, (implemented.get(r.endpoint) ?? 0) + 1);
  }
  for (const e of entries)
    assert.equal(
      implemented.get(e.endpoint),
      1,
      `${e.capability}.${e.name} (${e.endpoint.method} ${e.endpoint.path}) is implemented ${implemented.get(e.endpoint) ?? 0} times`,
    );
});

test('every path parameter is declared in the entry, and URLs and topic names are built from the contract', () => {
  for (const { capability, name, endpoint: e } of allEndpoints()) {
    const inPath = [...e.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]).sort();
    const declared = e.params instanceof z.ZodObject ? Object.keys(e.params.shape).sort() : [];
    assert.deepEqual(declared, inPath, `${capability}.${name}`);
  }
  assert.equal(urlOf(contract.live.endCallin, { params: { id: 7 } }), '/api/emergency/callins/7/end');
  assert.equal(urlOf(contract.live.alerts, { query: { status: 'active', limit: undefined } }), '/api/alerts?status=active');
  assert.equal(
    urlOf(contract.live.emergencyReport, { query: { from: '2026-11-01', to: '2026-11-30' } }),
    '/api/emergency/report?from=2026-11-01&to=2026-11-30',
  );
  assert.equal(topicName(topics.floorTeam, { teamId: 3 }), 'floor:team:3');
  assert.ok(topicMatches(topics.floorTeam, 'floor:team:3'));
  assert.ok(!topicMatches(topics.floorTeam, 'floor:agents'));
  assert.ok(!topicMatches(topics.alerts, 'alerts:team:3'));
  assert.ok(topicMatches(topics.teamAlerts, 'alerts:team:3'));
  assert.ok(topicMatches(topics.user, 'user:12'));
  // each concrete topic string belongs to one contract topic
  for (const s of ['floor:agents', 'floor:team:1', 'floor:queues', 'alerts', 'alerts:team:1', 'prompts', 'user:1'])
    assert.equal(allTopics().filter((t) => topicMatches(t, s)).length, 1, s);
});

test('a test server refuses an answer that does not match its contract entry, and documents answers', async () => {
  const probe = endpoint({
    method: 'GET',
    path: '/api/probe',
    access: 'public',
    summary: 'probe',
    query: z.object({ bad: z.enum(['0', '1']).optional() }),
    response: z.object({ n: z.number() }),
  });
  const store = await freshStore('sqlite');
  try {
    const { app } = await buildApp({
      store,
      webRoot: null,
      validateResponses: true,
      // the cast stands for a handler that escaped the compiler (e.g. a row with a text column)
      capabilities: [
        { name: 'probe', routes: [implement(probe, async ({ query }) => (query.bad === '1' ? ({ n: 'seven' } as unknown as { n: number }) : { n: 7 }))] },
      ],
    });
    const good = await app.inject({ method: 'GET', url: '/api/probe' });
    assert.equal(good.statusCode, 200);
    assert.deepEqual(good.json(), { n: 7 });
    const bad = await app.inject({ method: 'GET', url: '/api/probe?bad=1' });
    assert.equal(bad.statusCode, 500);
    assert.equal(bad.json().error, 'contract');
    assert.match(bad.json().message, /answer of GET \/api\/probe does not match its contract: n: /);
    const doc = (await app.inject({ method: 'GET', url: '/api/docs' })).json();
    assert.deepEqual(doc.paths['/api/probe'].get.responses['200'].content['application/json'].schema.properties, { n: { type: 'number' } });
    await app.close();
    // production default: not checked, the answer goes out as the handler made it
    const prod = await buildApp({
      store,
      webRoot: null,
      validateResponses: false,
      capabilities: [{ name: 'probe', routes: [implement(probe, async () => ({ n: 'seven' }) as unknown as { n: number })] }],
    });
    assert.equal((await prod.app.inject({ method: 'GET', url: '/api/probe' })).statusCode, 200);
    await prod.app.close();
  } finally {
    await store.close();
  }
});
