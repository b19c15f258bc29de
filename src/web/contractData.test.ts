import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import * as index from '../contract/index';
import * as live from '../contract/live';
import * as paths from '../contract/paths';
import { contractModuleSource } from './contractData';

const helpers = { specifier: new URL('../contract/paths.ts', import.meta.url).href, names: Object.keys(paths) };
/** The generated source run as the browser would: a module of its own. */
const load = (source: string) => import(`data:text/javascript,${encodeURIComponent(source)}`) as Promise<Record<string, unknown>>;

test('the web build contract: every endpoint keeps its method, path and file flags, no schema is shipped, helpers still work', async () => {
  const web = await load(contractModuleSource('index.ts', index as Record<string, unknown>, helpers));
  const contract = web.contract as Record<string, Record<string, Record<string, unknown>>>;
  let n = 0;
  for (const { capability, name, endpoint } of index.allEndpoints()) {
    const shipped = contract[capability]?.[name];
    assert.ok(shipped, `${capability}.${name}`);
    assert.equal(shipped.method, endpoint.method);
    assert.equal(shipped.path, endpoint.path);
    assert.deepEqual(shipped.access, endpoint.access);
    assert.equal(shipped.upload, endpoint.upload);
    assert.equal(shipped.download, endpoint.download);
    for (const part of ['params', 'query', 'body', 'response']) assert.ok(!(part in shipped), `${capability}.${name}.${part} shipped`);
    n++;
  }
  assert.ok(n > 100, `${n} endpoints`);
  // a live topic by name, through the helpers the module re-exports (paths.ts, not a copy)
  const topics = web.topics as Record<string, { name: string; message?: unknown }>;
  assert.equal(topics.floorTeam!.message, undefined);
  assert.equal((web.topicName as typeof paths.topicName)(topics.floorTeam!, { teamId: 3 }), 'floor:team:3');
  assert.equal((web.urlOf as typeof paths.urlOf)({ path: '/api/x/:id' }, { params: { id: 'a b' }, query: { q: [1, 2] } }), '/api/x/a%20b?q=1&q=2');
  // an export that is a schema is not shipped; a function the helpers lack fails when called, not silently
  assert.equal(web.socketServerMessage, undefined);
  assert.throws(() => (web.allEndpoints as () => unknown)(), /allEndpoints is not in the web build/);
});

test('a contract module keeps its plain values (the wallboard asks for its snapshot by name)', async () => {
  const web = await load(contractModuleSource('live.ts', live as Record<string, unknown>, helpers));
  assert.equal(web.FLOOR_SNAPSHOT_MESSAGE, 'floor.snapshot');
  assert.deepEqual(web.POSITIONS, ['qa', 'trainer', 'team_lead', 'back_office', 'other']);
});

test('a value JSON would change (a Map) fails the build; schemas inside arrays and objects are left out', async () => {
  assert.throws(() => contractModuleSource('x.ts', { kinds: new Map([['a', 1]]) }, helpers), /x\.ts\.kinds is not plain data \(Map\)/);
  const web = await load(contractModuleSource('x.ts', { e: { method: 'GET', response: z.object({ a: z.string() }) }, list: [1, z.string()] }, helpers));
  assert.deepEqual(web.e, { method: 'GET' });
  assert.deepEqual(web.list, [1, null]);
});
