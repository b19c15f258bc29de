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
