/**
 * Issue 10, finding 1: time counted for an agent's open state is bounded by construction. A state
 * open longer than the longest plausible one (the center's live.eventWindow maxStateHours, default
 * 16 h) counts that long and is then closed, so one event far after the last one can neither block
 * the store walking every 15-minute interval nor inflate the figures. Expected seconds by hand.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../testing';
import type { CallFloorEvent } from '../../core/events';
import { createCenter, putSetting } from '../org';
import type { Store } from '../db';
import { flushAgentStates, storeEvents } from './ingest';

const T0 = Date.UTC(2026, 10, 2); // an interval start
const H = 3_600_000;
const DAY = 24 * H;
const ev = (id: string, at: number, type: CallFloorEvent['type'], agent: string, x: Partial<CallFloorEvent> = {}): CallFloorEvent => ({
  id,
  ts: at,
  type,
  agent,
  ...x,
});

async function agentSums(store: Store, agent: string) {
  const i = await store.db
    .selectFrom('live_agent_intervals')
    .select((eb) => [
      eb.fn.sum<number>('staffed').as('staffed'),
      eb.fn.sum<number>('idle').as('idle'),
      eb.fn.sum<number>('not_ready').as('notReady'),
      eb.fn.sum<number>('talk').as('talk'),
      eb.fn.countAll<number>().as('rows'),
    ])
    .where('agent_code', '=', agent)
    .executeTakeFirstOrThrow();
  const d = await store.db
    .selectFrom('live_day_agents')
    .select((eb) => eb.fn.sum<number>('staffed').as('staffed'))
    .where('agent_code', '=', agent)
    .executeTakeFirstOrThrow();
  const r = await store.db
    .selectFrom('live_agent_reasons')
    .select((eb) => eb.fn.sum<number>('seconds').as('s'))
    .where('agent_code', '=', agent)
    .executeTakeFirstOrThrow();
  const state = await store.db.selectFrom('live_agent_state').selectAll().where('agent_code', '=', agent).executeTakeFirst();
  const n = (v: unknown) => Math.round(Number(v ?? 0) * 1000) / 1000;
  return {
    staffed: n(i.staffed),
    idle: n(i.idle),
    notReady: n(i.notReady),
    talk: n(i.talk),
    rows: Number(i.rows),
    dayStaffed: n(d.staffed),
    reasonS: n(r.s),
    state: state?.state,
    since: state ? Number(state.since) : undefined,
  };
}

forEachDatabase('state cap: a gap longer than the longest state counts 16 h, then the agent is logged out', async (_t, store) => {
  // A: login, logout 40 h later (a forgotten logout) → 16 h ready
  await storeEvents(store, [ev('a1', T0, 'agent.login', 'A'), ev('a2', T0 + 40 * H, 'agent.logout', 'A')]);
  let s = await agentSums(store, 'A');
  assert.equal(s.staffed, 16 * 3600); // 57 600 s
  assert.equal(s.idle, 16 * 3600);
  assert.equal(s.dayStaffed, 16 * 3600);
  assert.equal(s.rows, 16 * 4); // 64 quarter hours, not 160

  // B: on break from T0, ready at +20 h (cap: 16 h of break), logout at +21 h (1 h ready)
  await storeEvents(store, [
    ev('b1', T0, 'agent.notReady', 'B', { reason: 'break' }),
    ev('b2', T0 + 20 * H, 'agent.ready', 'B'),
    ev('b3', T0 + 21 * H, 'agent.logout', 'B'),
  ]);
  s = await agentSums(store, 'B');
  assert.equal(s.notReady, 16 * 3600);
  assert.equal(s.reasonS, 16 * 3600);
  assert.equal(s.idle, 3600);
  assert.equal(s.staffed, 17 * 3600); // 61 200 s

  // C: login, then one event a year later in its own batch (the poison shape, inside the store):
  // bounded work and figures; the talk after it counts normally
  await storeEvents(store, [ev('c1', T0, 'agent.login', 'C')]);
  await storeEvents(store, [ev('c2', T0 + 365 * DAY, 'agent.talking', 'C', { queue: 'general' })]);
  await storeEvents(store, [ev('c3', T0 + 365 * DAY + H, 'agent.logout', 'C')]);
  s = await agentSums(store, 'C');
  assert.equal(s.idle, 16 * 3600);
  assert.equal(s.talk, 3600);
  assert.equal(s.staffed, 17 * 3600);
  assert.equal(s.rows, 16 * 4 + 4);

  // D: a second login after a forgotten logout (30 h later) starts a new shift: 16 h + 2 h
  await storeEvents(store, [ev('d1', T0, 'agent.login', 'D'), ev('d2', T0 + 30 * H, 'agent.login', 'D'), ev('d3', T0 + 32 * H, 'agent.logout', 'D')]);
  s = await agentSums(store, 'D');
  assert.equal(s.staffed, 18 * 3600);

  // E: flushing open states far ahead (end of an import) counts at most 16 h and closes the state
  await storeEvents(store, [ev('e1', T0, 'agent.login', 'E')]);
  await flushAgentStates(store, T0 + 100 * DAY);
  s = await agentSums(store, 'E');
  assert.equal(s.staffed, 16 * 3600);
  assert.equal(s.state, 'loggedOut');
  // a late event replays the agent, still bounded: the cap is per state (login T0, a meal break from
  // +1 h with no change after it → 1 h ready + 16 h break, the break closed at +17 h)
  await storeEvents(store, [ev('e2', T0 + H, 'agent.notReady', 'E', { reason: 'meal' })]);
  s = await agentSums(store, 'E');
  assert.equal(s.idle, 3600);
  assert.equal(s.notReady, 16 * 3600);
  assert.equal(s.staffed, 17 * 3600);
});

forEachDatabase('state cap: the longest state is the center setting live.eventWindow.maxStateHours', async (_t, store) => {
  const centerId = await createCenter(store.db, 'C', 'UTC', T0);
  await putSetting(store.db, centerId, 'live.eventWindow', { maxStateHours: 10 }, T0);
  await storeEvents(store, [ev('f1', T0, 'agent.login', 'F'), ev('f2', T0 + 12 * H, 'agent.logout', 'F')]);
  let s = await agentSums(store, 'F');
  assert.equal(s.staffed, 10 * 3600);
  // within the cap nothing changes: 9 h 30 min
  await storeEvents(store, [ev('g1', T0, 'agent.login', 'G'), ev('g2', T0 + 9.5 * H, 'agent.logout', 'G')]);
  s = await agentSums(store, 'G');
  assert.equal(s.staffed, 9.5 * 3600);
  // a malformed setting falls back to the defaults (16 h)
  await putSetting(store.db, centerId, 'live.eventWindow', { maxStateHours: 'lots' }, T0);
  await storeEvents(store, [ev('h1', T0, 'agent.login', 'H'), ev('h2', T0 + 20 * H, 'agent.logout', 'H')]);
  s = await agentSums(store, 'H');
  assert.equal(s.staffed, 16 * 3600);
});
