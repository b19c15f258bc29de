/**
 * Setup records are changed and deleted in the browser (issue 14): a trainer edits a course's title in
 * its form and sees the list change; deletes a question (after confirming) and sees it gone; and a
 * delete the center refuses — a question an attempted exam asked — shows its reason in Chinese by the
 * list while the question stays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi } from './harness';
import { addQuestions, createCourse, createExam, startAttempt } from '../src/store/people/training';
import { createDepartment } from '../src/store/workorders/orders';
import { TEST_PASSWORD } from '../src/server/testing';

test('a trainer edits a course title and deletes a question in the browser; a refused delete says why in Chinese', async () => {
  const h = await startHarness({
    seed: async (store, org) => {
      const now = Date.now();
      await createCourse(store.db, org.centerId, { title: '账务基础', module: '账务', hours: 2 }, org.users.trainer, now);
      const { ids } = await addQuestions(
        store.db,
        org.centerId,
        '账务',
        [
          { kind: 'true_false', text: '可以口头承诺退费', answer: false, points: 10 },
          { kind: 'true_false', text: '草稿：账单可以随时改', answer: false, points: 10 },
        ],
        org.users.trainer,
        now,
      );
      // the first question is asked by an exam that a1 has started: it is kept
      const exam = await createExam(
        store.db,
        org.centerId,
        { title: '账务认证', queue: null, questionIds: [ids[0]!], timeLimitMin: 10, passPercent: 60, graceS: 30, multiplePolicy: 'all_or_nothing' },
        org.users.trainer,
        now,
      );
      await startAttempt(store.db, org.centerId, exam.id, org.agents.a1, now);
    },
  });
  const { page, url } = h;
  // every delete asks first: the test answers yes
  page.on('dialog', (d) => void d.accept());
  try {
    await signInUi(page, url, 'trainer');
    await page.click('a[data-nav="/floor/training"]');

    // the course: 编辑 loads it into the form, the new title is saved and listed
    await page.click('[data-training-tab=courses]');
    const list = page.locator('[data-testid=course-list]');
    await list.locator('text=账务基础').waitFor();
    await list.locator('button[aria-label="编辑 账务基础"]').click();
    const form = page.locator('[data-testid=course-form]');
    assert.equal(await form.locator('input[name=title]').inputValue(), '账务基础');
    await form.locator('input[name=title]').fill('账务基础（2027 版）');
    await form.locator('button >> text=保存').click();
    await list.locator('td >> text=账务基础（2027 版）').waitFor();
    assert.equal(await list.locator('tbody tr').count(), 1, 'changed, not added');
    const stored = await h.store.db.selectFrom('people_courses').select('title').executeTakeFirstOrThrow();
    assert.equal(stored.title, '账务基础（2027 版）');

    // the question bank: the unused question is deleted and leaves the list
    await page.click('[data-training-tab=bank]');
    const bank = page.locator('[data-testid=bank-questions]');
    await bank.locator('text=草稿：账单可以随时改').waitFor();
    await bank.locator('button[aria-label="删除 草稿：账单可以随时改"]').click();
    await bank.locator('text=草稿：账单可以随时改').waitFor({ state: 'detached' });
    assert.equal(await bank.locator('tbody tr').count(), 1);

    // the question the attempted exam asked: the delete is refused, its reason shown in Chinese, the question kept
    await bank.locator('button[aria-label="删除 可以口头承诺退费"]').click();
    const why = page.locator('.card:has([data-testid=bank-questions]) [role=alert], .card:has([data-testid=bank-questions]) .error');
    await why.first().waitFor();
    assert.match((await why.first().textContent()) ?? '', /考试“账务认证”已有人作答并用到此题，不能修改或删除，请改为归档/);
    assert.equal(await bank.locator('tbody tr').count(), 1);
    assert.equal((await h.store.db.selectFrom('people_questions').select('id').execute()).length, 1);
  } finally {
    await h.close();
  }
});

/** Signs in over HTTP (as the browser would) and returns a caller of the API with the session's cookie and CSRF token. */
async function apiAs(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  assert.equal(res.status, 200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrf } = (await res.json()) as { csrf: string };
  return async (path: string, body: unknown) => {
    const r = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
    assert.equal(r.status, 200, await r.clone().text());
    return (await r.json()) as { id: number };
  };
}

test('an admin renames a field crew in the browser; deleting it while it holds an open order says why in Chinese', async () => {
  const h = await startHarness({
    seed: async (store, org) => {
      await createDepartment(store.db, org.centerId, '抢修一队', 'crew', [], org.users.admin, Date.now());
    },
  });
  const { page, url } = h;
  page.on('dialog', (d) => void d.accept());
  try {
    // an agent sends a dispatch order to the crew (over the API, as the work-order page would)
    const crew = (await h.store.db.selectFrom('wo_departments').select('id').executeTakeFirstOrThrow()).id;
    const a1 = await apiAs(url, 'a1');
    const order = await a1('/api/workorders', {
      type: 'dispatch',
      priority: 'normal',
      category: '報修',
      title: '燃气表漏气',
      customerId: 'C-1',
      customerPhone: '13900000000',
      dispatch: { address: '徐汇区漕溪北路 1 号', appointmentFrom: Date.now() + 3_600_000, appointmentTo: Date.now() + 7_200_000 },
    });
    await a1(`/api/workorders/${order.id}/transitions`, { transition: 'send', departmentId: crew });

    await signInUi(page, url, 'admin');
    await page.goto(`${url}/#/setup/departments`);
    const list = page.locator('[data-testid=departments]');
    await list.locator('text=抢修一队').waitFor();
    await list.locator('button[aria-label="编辑 抢修一队"]').click();
    const form = page.locator('[data-testid=dept-form]');
    await form.locator('input[name=name]').fill('抢修二队');
    await form.locator('button >> text=保存').click();
    await list.locator('td >> text=抢修二队').waitFor();
    assert.equal(await list.locator('tbody tr').count(), 1, 'renamed, not added');

    await list.locator('button[aria-label="删除 抢修二队"]').click();
    const why = page.locator('.error[role=alert]');
    await why.waitFor();
    assert.equal(await why.textContent(), '“抢修二队”还有 1 张未关闭的工单，不能删除');
    assert.equal(await list.locator('tbody tr').count(), 1, 'kept');
  } finally {
    await h.close();
  }
});
