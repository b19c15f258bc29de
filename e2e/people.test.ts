import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { addQuestions, createExam, putCertQueue } from '../src/store/people/training';

test('morning check-in on a phone → the lead sees it on the mood board', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 800 });
    await signInUi(page, url, 'a1');
    await page.goto(`${url}/#/floor/checkin`);
    await page.click('[data-mood="2"]');
    await page.fill('[data-testid=checkin] textarea', '孩子生病了');
    await page.click('[data-testid=checkin] >> text=提交');
    await page.waitForSelector('[data-testid=checkin-done]');
    // the mood buttons fit the phone's width
    const box = await page.locator('[data-mood="5"]').boundingBox();
    assert.ok(box && box.x + box.width <= 390, 'mood buttons fit a 390 px screen');
    await signOutUi(page);

    await page.setViewportSize({ width: 1280, height: 860 });
    await signInUi(page, url, 'team_lead');
    await page.click('a[data-nav="/floor/mood"]');
    await page.waitForSelector('[data-testid=mood-board] >> text=孩子生病了');
    assert.equal((await page.textContent('[data-testid=checked-in]'))?.replace(/\s/g, ''), '1/2');
    assert.equal(await page.textContent('[data-testid=mood-average]'), '2');
    await page.waitForSelector('[data-testid=mood-cycles] canvas');
  } finally {
    await h.close();
  }
});

test('an exam → certification → the agent is set live on the queue', async () => {
  const h = await startHarness({
    seed: async (store, org) => {
      const now = Date.now();
      await putCertQueue(store.db, org.centerId, { queue: 'billing', validityDays: 365, warnDays: 30 }, org.users.trainer, now);
      const { ids } = await addQuestions(
        store.db,
        org.centerId,
        '账务',
        [
          { kind: 'single', text: '账单日是每月几号？', options: ['1日', '15日'], answer: 0, points: 50 },
          { kind: 'true_false', text: '可以口头承诺退费', answer: false, points: 50 },
        ],
        org.users.trainer,
        now,
      );
      await createExam(
        store.db,
        org.centerId,
        { title: '账务认证考试', queue: 'billing', questionIds: ids, timeLimitMin: 10, passPercent: 80, graceS: 30, multiplePolicy: 'all_or_nothing' },
        org.users.trainer,
        now,
      );
    },
  });
  const { page, url } = h;
  try {
    // not certified yet: the queue assignment is refused
    await signInUi(page, url, 'admin');
    const before = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/auth/me')).json();
      const r = await fetch(`/api/agents/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
        body: JSON.stringify({ queues: ['general', 'billing'] }),
      });
      return r.status;
    }, h.org.agents.a1);
    assert.equal(before, 400);
    await signOutUi(page);

    await signInUi(page, url, 'a1');
    await page.click('a[data-nav="/floor/training"]');
    await page.click('[data-testid=exams] >> text=开始考试');
    await page.waitForSelector('[data-testid=exam-form]');
    // questions and options are shuffled per attempt: find them by their text
    await page.waitForSelector('[data-testid=exam-form] >> text=第 1 次，共 3 次');
    await page.check('.question:has-text("账单日是每月几号") >> text=1日');
    await page.check('.question:has-text("可以口头承诺退费") >> text=错');
    await page.click('[data-testid=exam-form] >> text=提交');
    await page.waitForSelector('[data-testid=exam-status] >> text=通过');
    await page.waitForSelector('[data-testid=exam-result] >> text=billing');
    // not the last allowed attempt: no marks per question, and why
    await page.waitForSelector('[data-testid=marks-hidden]');
    assert.equal(await page.locator('[data-testid=exam-marks]').count(), 0);
    await page.waitForSelector('[data-testid=attempts-left] >> text=2');
    await signOutUi(page);

    await signInUi(page, url, 'admin');
    await page.click('a[data-nav="/floor/training"]');
    await page.click('[data-training-tab=certs]');
    await page.click(`[data-setlive="${h.org.agents.a1}:billing"]`);
    await page.waitForSelector('[data-testid=live-ok]');
    await page.click('a[data-nav="/people/agents"]');
    await page.waitForSelector('[data-testid=agents-table] >> text=billing');
  } finally {
    await h.close();
  }
});

test('a violation → the team fund ledger, then spending with a receipt', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    await signInUi(page, url, 'team_lead');
    await page.click('a[data-nav="/floor/discipline"]');
    const f = page.locator('[data-testid=violation-form]');
    await f.locator('select[name=agentId]').selectOption({ label: 'A001 李娜' });
    await f.locator('select[name=ruleCode]').selectOption('R15');
    await f.locator('input[name=note]').fill('手机铃声');
    await f.locator('button').click();
    await page.waitForSelector('[data-testid=fund-balance] >> text=¥5.00');
    await page.waitForSelector('[data-testid=fund-ledger] >> text=李娜');
    await page.waitForSelector('[data-testid=violations] >> text=手机铃声');
    const s = page.locator('[data-testid=spend-form]');
    await s.locator('input').nth(0).fill('3');
    await s.locator('input').nth(1).fill('RC-0001');
    await s.locator('input').nth(2).fill('下午茶');
    await s.locator('button').click();
    await page.waitForSelector('[data-testid=fund-balance] >> text=¥2.00');
    // more than the balance: a clear error
    await s.locator('input').nth(0).fill('10');
    await s.locator('input').nth(1).fill('RC-0002');
    await s.locator('input').nth(2).fill('聚餐');
    await s.locator('button').click();
    await page.waitForSelector('[role=alert] >> text=amountFen');
    await signOutUi(page);

    // a team member sees the fund
    await signInUi(page, url, 'a2');
    await page.click('a[data-nav="/floor/discipline"]');
    await page.waitForSelector('[data-testid=fund-balance] >> text=¥2.00');
  } finally {
    await h.close();
  }
});
