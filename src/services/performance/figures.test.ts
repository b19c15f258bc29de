/**
 * The command line's figures go to the center it names (issue 13): `callfloor perf import-figures
 * --center` and the API share loadFiguresCsv; with several centers and none named it is refused.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { createAgent, createCenter } from '../../store/org';
import { cliActor, cliDeps } from '../../cli/options';
import { loadFiguresCsv } from './figures';

forEachDatabase('figures from CSV go to the named center’s agent; with several centers a center must be named', async (_t, store) => {
  const now = Date.UTC(2026, 10, 1);
  const c1 = await createCenter(store.db, '一中心', 'Asia/Shanghai', now);
  const c2 = await createCenter(store.db, '二中心', 'Asia/Shanghai', now);
  const mk = (centerId: number, no: string) =>
    createAgent(store.db, { centerId, teamId: null, employeeNo: no, name: no, hireDate: '2025-01-01', skillLevel: 'junior' }, now);
  await mk(c1, 'E1');
  const a2 = await mk(c2, 'E2');
  const line = (no: string) => `employeeNo,month,kpi,value\n${no},2026-10,csat,0.9\n`;
  // several centers, none named: refused naming the option
  await assert.rejects(cliActor(store), (e: Error & { field?: string }) => e.field === '--center');
  // center 2 stores its own agent's figure
  const r = await loadFiguresCsv(cliDeps(store), await cliActor(store, String(c2)), line('E2'), 'cli');
  assert.equal(r.stored, 1);
  const rows = await store.db.selectFrom('perf_figures').select(['center_id', 'agent_id', 'source']).execute();
  assert.deepEqual(rows, [{ center_id: c2, agent_id: a2, source: 'cli' }]);
  // center 1's employee number is unknown in center 2: refused naming the line, nothing stored
  await assert.rejects(loadFiguresCsv(cliDeps(store), await cliActor(store, String(c2)), line('E1'), 'cli'), /line 2, employeeNo/);
  assert.equal((await store.db.selectFrom('perf_figures').select('agent_id').execute()).length, 1);
});
