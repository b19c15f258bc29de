import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { fixtureTemplate } from '../src/core/quality/fixtures';
import { dateOfInstant, shiftMonth } from '../src/core/performance/facts';
import { createUser, putSetting } from '../src/store/org';
import { upsertCalls } from '../src/store/quality/calls';
import { generateWorkQueue, qaActor, saveTemplate } from '../src/services/quality/index';
import { publishMonth, upsertFigures } from '../src/store/performance/figures';
import { hashPassword } from '../src/server/password';
import { TEST_PASSWORD } from '../src/server/testing';

test('evaluator scores a call → the agent sees it and disputes an item → the QA lead decides (score recomputed); the agent sees their monthly rank', async () => {
  const now = Date.now();
  const lastMonth = shiftMonth(dateOfInstant(now, 'Asia/Shanghai').slice(0, 7), -1);
  const h = await startHarness({
    seed: async (store, org) => {
      const db = store.db;
      const lead = await createUser(
        db,
        { username: 'qalead', displayName: '质检组长', passwordHash: await hashPassword(TEST_PASSWORD), roles: ['qa'], centerId: org.centerId },
        now,
      );
      await putSetting(db, org.centerId, 'quality.disputeDeciders', [lead], now);
      const qa = [{ store, now: () => now }, qaActor(org.centerId, org.users.qa)] as const;
      await saveTemplate(...qa, { template: fixtureTemplate() });
      await upsertCalls(
        db,
        org.centerId,
        [
          {
            id: 'CALL-0001',
            agentId: org.agents.a1,
            queue: 'general',
            startedAt: now - 3600_000,
            durationS: 240,
            recordingUrl: 'https://rec.example/CALL-0001.mp3',
          },
        ],
        now,
      );
      await generateWorkQueue(...qa, { from: now - 2 * 3600_000, to: now, evaluatorIds: [org.users.qa], seed: 'e2e' });
      // last month's figures (no QA evaluation: qaScore missing, published with a note)
      const f = (agentId: number, kpi: any, value: number | null, numerator: number | null = null, denominator: number | null = null) => ({
        agentId,
        month: lastMonth,
        kpi,
        value,
        numerator,
        denominator,
      });
      await upsertFigures(
        db,
        org.centerId,
        [
          // a1 (over a year): aht 150/140, csat 1/.988, complaints met, attendance 1, adherence .95/.9, skill junior → 0
          // total = 100·(15·150/140 + 15/.988 + 10 + 10 + 10·.95/.9 + 0) / 70 ≈ 88.3
          f(org.agents.a1, 'aht', 140),
          f(org.agents.a1, 'csat', null, 100, 100),
          f(org.agents.a1, 'complaints', 0),
          f(org.agents.a1, 'attendance', 1),
          f(org.agents.a1, 'adherence', 0.95),
          // a2 (under a year, target 170): 100·(15·170/300 + 15·.9/.988) / 30 ≈ 73.9
          f(org.agents.a2, 'aht', 300),
          f(org.agents.a2, 'csat', null, 90, 100),
          // b1: 100·(15·150/200) / 15 = 75
          f(org.agents.b1, 'aht', 200),
        ],
        'e2e',
        null,
        now,
      );
      await publishMonth(db, org.centerId, lastMonth, '質檢成績本月未計入', org.users.center_manager, now);
    },
  });
  const { page, url } = h;
  try {
    // 1. the evaluator scores the call from the work queue: greet partly (1 of 2)
    await signInUi(page, url, 'qa');
    await page.click('a[data-nav="/quality/queue"]');
    await page.click('[data-testid=qa-queue] tr[data-call="CALL-0001"] button');
    // the scoring form opens in a drawer in view, not below the queue
    const drawer = await page.locator('[data-testid=qa-scoring-drawer]').boundingBox();
    const view = page.viewportSize()!;
    assert.ok(drawer && drawer.y >= 0 && drawer.y < view.height / 4 && drawer.x + drawer.width <= view.width + 1, JSON.stringify(drawer));
    const form = page.locator('[data-testid=qa-scoring-drawer] [data-testid=evaluation-form]');
    await form.locator('select[name=item-greet]').selectOption('1');
    await form.locator('input[name=comment-greet]').fill('问候语不完整');
    await form.locator('button').click();
    // open: greet 1/2 → 50, verify 100 → 75; business all full marks → 100; (40·75 + 60·100)/100 = 90
    await page.waitForSelector('text=已评分：90 分');
    await signOutUi(page);

    // 2. the agent (phone-sized) sees the result and comment, and disputes the item
    await page.setViewportSize({ width: 390, height: 844 });
    await signInUi(page, url, 'a1');
    await page.goto(`${url}/#/quality/mine`);
    await page.waitForSelector('[data-testid=bell-count] >> text=1');
    const card = page.locator('[data-testid=my-evaluations] .card').first();
    assert.equal((await card.locator('[data-testid=evaluation-score]').textContent())?.trim(), '90');
    await card.locator('button').first().click();
    await page.waitForSelector('[data-testid=result-items] >> text=问候语不完整');
    await page.click('button[data-dispute=greet]');
    await page.fill('textarea[name=dispute-reason]', '我说了完整问候语，请听录音开头');
    await page.click('text=提交申诉');
    await page.waitForSelector('[data-testid=result-items] tr[data-item=greet] >> text=待处理');
    await signOutUi(page);
    await page.setViewportSize({ width: 1280, height: 860 });

    // 3. the QA lead upholds it: greet becomes 2
    await signInUi(page, url, 'qalead');
    await page.click('a[data-nav="/quality/disputes"]');
    const row = page.locator('[data-testid=disputes-table] tbody tr').first();
    await row.locator('text=我说了完整问候语').waitFor();
    await row.locator('select[name=new-value]').selectOption('2');
    await row.locator('input[name=decision-note]').fill('录音确认');
    await row.locator('text=支持申诉').click();
    await page.waitForSelector('[data-testid=disputes-table] >> text=我说了完整问候语', { state: 'detached' });
    await signOutUi(page);

    // 4. the agent sees the recomputed score (40·100 + 60·100)/100 = 100, and last month's rank
    await signInUi(page, url, 'a1');
    await page.goto(`${url}/#/quality/mine`);
    await page.waitForSelector('[data-testid=evaluation-score] >> text=100');
    await page.goto(`${url}/#/performance/mine`);
    await page.waitForSelector('[data-testid=my-rank]');
    // a1 88.3 > b1 75 > a2 73.9: first of 2 in team A, first of 3 in the center
    assert.equal((await page.textContent('[data-testid=team-rank]'))?.trim(), '第 1 名 / 2');
    assert.equal((await page.textContent('[data-testid=center-rank]'))?.trim(), '第 1 名 / 3');
    assert.match((await page.textContent('[data-testid=below-target]')) ?? '', /业务技能等级|業務技能等級/);
    // the missing QA figure is shown as missing, never 0
    assert.equal((await page.textContent('[data-testid=scorecard-lines] tr[data-kpi=qaScore] td:nth-child(4)'))?.trim(), '缺数据');
  } finally {
    await h.close();
  }
});
