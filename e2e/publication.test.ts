import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { at, eventMakers } from '../src/server/routes/facts.fixtures';
import { storeEvents } from '../src/store/live/ingest';
import { publishMonth } from '../src/store/performance/figures';
import type { Store } from '../src/store/db';
import type { TestOrg } from '../src/server/testing';

/**
 * Late data after publication (issue 11) on screen: November is published with a1's one call of 11-02
 * (talk 180 s + acw 50 s → aht 230 s); a late call of 11-03 (talk 100 s + acw 20 s) is stored after it,
 * so aht is now (180 + 50 + 100 + 20) / 2 = 175 s. The agent's own card and the ranking mark aht as
 * changed, with the published and the current value; nothing else changed.
 */
async function seed(store: Store, org: TestOrg) {
  const { ev, call } = eventMakers();
  const callEvents = (d: string, id: string, talkEnd: string, acwEnd: string) => [
    ev(d, '09:00', 'agent.login'),
    ev(d, '09:00', 'agent.ready'),
    call(d, '09:59:50', 'call.enqueued', id),
    ev(d, '10:00:00', 'agent.ringing', { queue: 'general' }),
    call(d, '10:00:10', 'call.connected', id, 'A001'),
    ev(d, '10:00:10', 'agent.talking', { queue: 'general' }),
    call(d, talkEnd, 'call.ended', id),
    ev(d, talkEnd, 'agent.acw', { queue: 'general' }),
    ev(d, acwEnd, 'agent.ready'),
    ev(d, '12:00', 'agent.logout'),
  ];
  await storeEvents(store, callEvents('2026-11-02', 'c1', '10:03:10', '10:04:00'));
  await publishMonth(store.db, org.centerId, '2026-11', '满意率数据未到', org.users.center_manager!, at('2026-11-20', '10:00'));
  await storeEvents(store, callEvents('2026-11-03', 'c4', '10:01:50', '10:02:10'));
}

test('a figure changed after publication is marked on the agent’s own card and in the ranking', async () => {
  const h = await startHarness({ seed, now: () => at('2026-11-20', '14:00') });
  const { page, url } = h;
  try {
    // the agent's own card: aht marked, published 230 s → now 175 s; the only mark
    await signInUi(page, url, 'a1');
    await page.goto(`${url}/#/performance/mine`);
    await page.waitForSelector('[data-testid=my-rank]');
    const badge = page.locator('[data-testid=scorecard-lines] tr[data-kpi=aht] [data-testid=changed-after-publication]');
    await badge.waitFor();
    assert.match((await badge.textContent()) ?? '', /^发布后有变动: 发布时 230s →\s*当前 175s$/);
    assert.equal(await page.locator('[data-testid=changed-after-publication]').count(), 1, 'only aht changed');
    await signOutUi(page);

    // the ranking (team lead): a1's row names the changed figure; opened, its line shows both values
    await signInUi(page, url, 'team_lead');
    await page.goto(`${url}/#/performance/ranking`);
    await page.fill('input[type=month]', '2026-11');
    const row = page.locator('[data-testid=ranking-table] tbody tr', { hasText: 'A001' });
    const changed = row.locator('[data-testid=ranking-changed]');
    await changed.waitFor();
    assert.match((await changed.textContent()) ?? '', /^发布后有变动: /);
    assert.equal(await page.locator('[data-testid=ranking-changed]').count(), 1, 'a2 has no change');
    await row.click();
    const line = page.locator('[data-testid=scorecard-lines] tr[data-kpi=aht] [data-testid=changed-after-publication]');
    await line.waitFor();
    assert.match((await line.textContent()) ?? '', /发布时 230s →\s*当前 175s/);
  } finally {
    await h.close();
  }
});
