import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { putContract, putTemplate, createRequirement } from '../src/store/wfm/schedules';
import { mondayOf, weekStartMs } from '../src/core/wfm/rules';

const H = 3_600_000;

test('planner runs and publishes a small schedule, the agent sees the shift and subscribes to a peak slot, the planner confirms', async () => {
  // the current week in the centre's zone (Asia/Shanghai, UTC+8)
  const week = mondayOf(Date.now(), 480);
  const ws = weekStartMs(week, 480);
  // the server's clock runs from Monday 08:00 of this week: the Monday-evening peak slot below is still
  // to come whatever day the test runs (a bid on a slot that has begun is refused)
  const t0 = Date.now();
  const h = await startHarness({
    now: () => ws + 8 * H + (Date.now() - t0),
    seed: async (store, org) => {
      const now = Date.now();
      await putTemplate(
        store.db,
        org.centerId,
        {
          id: 'D8',
          spanMin: 540,
          startEarliestMin: 480,
          startLatestMin: 600,
          startStepMin: 60,
          breaks: [{ kind: 'meal', durationMin: 60, paid: false, earliestStartMin: 180, latestStartMin: 300 }],
        },
        null,
        now,
      );
      for (const agentId of Object.values(org.agents))
        await putContract(
          store.db,
          {
            agentId,
            contract: { minHoursWeek: 16, maxHoursWeek: 40, minDaysOff: 2, earliestStartMin: 420, latestStartMin: 840, minRestHours: 11 },
            skills: ['voice'],
            preferences: {},
          },
          null,
          now,
        );
      const required = Array.from({ length: 672 }, (_, k) => (Math.floor(k / 96) < 5 && k % 96 >= 36 && k % 96 < 68 ? 2 : 0));
      await createRequirement(store.db, { centerId: org.centerId, weekStart: week, intervalMin: 15, required, source: 'upload' }, null, now);
    },
  });
  const { page, url } = h;
  try {
    await signInUi(page, url, 'wfm');
    await page.click('a[data-nav="/wfm/schedule"]');
    await page.fill('input[name=week]', week);
    await page.waitForSelector('[data-testid=requirement-count] >> text=#');
    await page.fill('input[name=timeLimit]', '3');
    await page.click('[data-testid=run-solve]');
    await page.waitForSelector('[data-testid=run-status] >> text=已完成', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=coverage-chart] canvas');
    assert.ok((await page.locator('[data-testid=shifts-table] tbody tr').count()) >= 8);
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=run-status] >> text=已发布');

    // stale hand edit (issue 10): the planner opens a move on the first shift; meanwhile someone else moves
    // that shift one hour later; saving the planner's edit is refused (409) with the reason in Chinese and
    // the table reloads — the other person's move stays
    const row = page.locator('[data-testid=shifts-table] tbody tr').first();
    await row.locator('button').click();
    await row.locator('input[type=datetime-local]').waitFor();
    const other: { status: number; start: number } = await page.evaluate(`(async () => {
      const me = await fetch('/api/auth/me').then((r) => r.json());
      const runs = await fetch('/api/wfm/schedule-runs').then((r) => r.json());
      const view = await fetch('/api/wfm/schedule-runs/' + runs[0].id).then((r) => r.json());
      const s = view.shifts[0];
      const r = await fetch('/api/wfm/shifts/' + s.id, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf }, body: JSON.stringify({ start: s.start + 3600000, baseUpdatedAt: s.updatedAt }) });
      return { status: r.status, start: s.start + 3600000 };
    })()`);
    assert.equal(other.status, 200);
    await row.locator('button', { hasText: '保存' }).click();
    await page.waitForSelector('text=该班次已被他人修改');
    await page.waitForSelector('[data-testid=shifts-table] input[type=datetime-local]', { state: 'detached' });
    const kept: number = await page.evaluate(
      `fetch('/api/wfm/schedule-runs').then((r) => r.json()).then((runs) => fetch('/api/wfm/schedule-runs/' + runs[0].id)).then((r) => r.json()).then((v) => v.shifts.find((x) => x.start === ${other.start}) ? 1 : 0)`,
    );
    assert.equal(kept, 1);

    // a peak slot on Monday 20:00–22:00 (centre time), after every day shift has ended
    const form = page.locator('[data-testid=slot-form]');
    await form.locator('input[name=title]').fill('周一晚高峰');
    // datetime-local values are the center's wall clock, whatever the browser's zone
    await form.locator('input[name=start]').fill(`${week}T20:00`);
    await form.locator('input[name=end]').fill(`${week}T22:00`);
    await form.locator('input[name=capacity]').fill('1');
    await form.locator('input[name=bonus]').fill('5');
    await form.locator('button').click();
    await page.waitForSelector('[data-testid=slots-table] >> text=周一晚高峰');
    const [y, m, d] = week.split('-').map(Number);
    const slotRow = (await page.locator('[data-testid=slots-table] tr', { hasText: '周一晚高峰' }).textContent()) ?? '';
    assert.ok(slotRow.includes(`${y}/${m}/${d} 20:00 – 22:00`), slotRow);
    const stored: number[] = await page.evaluate(`fetch('/api/wfm/peak-slots').then((r) => r.json()).then((b) => b.map((s) => s.start_ts))`);
    assert.ok(stored.includes(ws + 20 * H), `${stored} has Monday 20:00 in Shanghai`);
    await signOutUi(page);

    // the agent sees their own published shifts on the phone page and subscribes
    await signInUi(page, url, 'a1');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/#/wfm/me`);
    await page.waitForSelector('[data-testid=my-shift]');
    const own: number[] = await page.evaluate(`fetch('/api/wfm/my-schedule').then((r) => r.json()).then((b) => b.shifts.map((s) => s.agentId))`);
    assert.ok(own.length >= 2 && own.every((id) => id === h.org.agents.a1));
    await page.click('[data-testid=my-slots] >> text=认购');
    await page.waitForSelector('[data-testid=slot-status] >> text=已认购');
    await signOutUi(page);

    // the planner confirms; the slot enters the schedule and earns points
    await page.setViewportSize({ width: 1280, height: 860 });
    await signInUi(page, url, 'wfm');
    await page.click('a[data-nav="/wfm/schedule"]');
    await page.click('[data-testid=slots-table] >> text=确认分配');
    await page.waitForSelector('[data-testid=slots-table] >> text=✓');
    await signOutUi(page);

    await signInUi(page, url, 'a1');
    await page.click('a[data-nav="/wfm/me"]');
    await page.waitForSelector('[data-testid=my-shift] >> text=高峰班');
    await page.waitForSelector('[data-testid=slot-status] >> text=已获得');
    // default rule: 10 points per peak slot, plus the slot's 5 bonus
    await page.waitForSelector('[data-testid=points-balance] >> text=余额 15');
  } finally {
    await h.close();
  }
});
