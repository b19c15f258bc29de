/**
 * Times are the center's clock whatever the browser's zone: a trainer's laptop in New York (UTC−4 in July) at a
 * center in Asia/Shanghai (UTC+8, no summer time) sees a stored session at the center's time, finds it in the edit
 * field as such, and the time typed there is stored as the center's. Figures worked out by hand from the offsets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi } from './harness';
import { createCourse, createSession } from '../src/store/people/training';

// 2026-07-01 23:15 UTC: 2026-07-02 07:15 in Shanghai, 2026-07-01 19:15 in New York
const AT = Date.UTC(2026, 6, 1, 23, 15);

test("a browser in New York shows and takes a Shanghai center's times on the center's clock", async () => {
  const h = await startHarness({
    timezoneId: 'America/New_York',
    seed: async (store, org) => {
      const { id } = await createCourse(store.db, org.centerId, { title: '夜班交接' }, null, Date.now());
      await createSession(store.db, org.centerId, { courseId: id, teamId: org.teamA, startsAt: AT }, null, Date.now());
    },
  });
  const { page, url } = h;
  try {
    await signInUi(page, url, 'trainer');
    // the browser really is in New York: its own clock would say 19:15 on the 1st
    assert.deepEqual(await page.evaluate((t) => [Intl.DateTimeFormat().resolvedOptions().timeZone, new Date(t).getHours()], AT), ['America/New_York', 19]);
    await page.click('a[data-nav="/floor/training"]');
    await page.click('[data-training-tab=courses]');
    const row = page.locator('[data-testid=sessions] tbody tr', { hasText: '夜班交接' });
    assert.equal((await row.locator('td').first().textContent()) ?? '', '2026/7/2 07:15');

    // the edit field holds the center's wall clock; 08:45 typed there is 00:45 UTC
    await row.locator('button.secondary').first().click();
    const field = page.locator('[data-testid=sessions] input[name=startsAt]');
    assert.equal(await field.inputValue(), '2026-07-02T07:15');
    await field.fill('2026-07-02T08:45');
    await page.click('[data-testid=sessions] button >> text=保存');
    await page.locator('[data-testid=sessions] tbody tr td >> text=2026/7/2 08:45').waitFor();
    const stored = await h.store.db.selectFrom('people_sessions').select('starts_at').executeTakeFirstOrThrow();
    assert.equal(Number(stored.starts_at), Date.UTC(2026, 6, 2, 0, 45));
  } finally {
    await h.close();
  }
});
