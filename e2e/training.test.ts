/**
 * The training setup through the browser only (issue 14): a trainer creates a course, puts a queue
 * under certification, writes a question bank of two questions and an exam that certifies the queue
 * (a pass mark above 100 is refused next to its field first); an agent takes the exam, passes and
 * holds the certification.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startHarness, signInUi, signOutUi, type Harness } from './harness';
import { addQuestions, createExam, startAttempt, submitAttempt } from '../src/store/people/training';

const fieldError = (page: Page, scope: string, name: string) => page.locator(`${scope} label.field:has([name="${name}"]) .field-error`);

/**
 * Each test's frame: a fresh test center (seeded by `seed` when given), `user` signed in on the training
 * page, then the test's steps; the harness is closed whatever happens.
 */
async function onTraining(user: string, steps: (h: Harness) => Promise<void>, seed?: NonNullable<Parameters<typeof startHarness>[0]>['seed']) {
  const h = await startHarness({ seed });
  try {
    await openTraining(h, user);
    await steps(h);
  } finally {
    await h.close();
  }
}

async function openTraining({ page, url }: Harness, user: string) {
  await signInUi(page, url, user);
  await page.click('a[data-nav="/floor/training"]');
}

/** A course written in the course form (tab Courses), waited for in the list. */
async function addCourse(page: Page, title: string, more: { module?: string; hours?: string } = {}) {
  await page.click('[data-training-tab=courses]');
  const course = page.locator('[data-testid=course-form]');
  await course.locator('input[name=title]').fill(title);
  if (more.module) await course.locator('input[name=module]').fill(more.module);
  if (more.hours) await course.locator('input[name=hours]').fill(more.hours);
  await course.locator('button').click();
  await page.waitForSelector(`[data-testid=courses] table >> text=${title}`);
}

/** The new-exam form (tab Exams) filled with a title and pass mark (and a queue and time limit when given); not yet sent. */
async function fillNewExam(page: Page, exam: { title: string; passPercent: string; queue?: string; timeLimitMin?: string }) {
  await page.click('[data-training-tab=exams]');
  const form = page.locator('[data-testid=exam-form-new]');
  await form.locator('input[name=title]').fill(exam.title);
  if (exam.queue) await form.locator('select[name=queue]').selectOption(exam.queue);
  if (exam.timeLimitMin) await form.locator('input[name=timeLimitMin]').fill(exam.timeLimitMin);
  await form.locator('input[name=passPercent]').fill(exam.passPercent);
  return form;
}

test('a trainer sets up a course, a bank, an exam and its certification in the browser; an agent passes and holds it', () =>
  onTraining('trainer', async (h) => {
    const { page } = h;
    // a course
    await addCourse(page, '账务基础', { module: '账务', hours: '4' });

    // the queue under certification, 180 days, warned 20 days before
    await page.click('[data-training-tab=certs]');
    const cq = page.locator('[data-testid=cert-queue-form]');
    await cq.locator('input[name=queue]').fill('billing');
    await cq.locator('input[name=validityDays]').fill('180');
    await cq.locator('input[name=warnDays]').fill('20');
    await cq.locator('button').click();
    const row = page.locator('[data-cert-queue=billing]');
    await row.waitFor();
    assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 3), ['billing', '180', '20']);

    // a bank of two questions: a single choice (the first option right) and a true/false (false)
    await page.click('[data-training-tab=bank]');
    const bank = page.locator('[data-testid=bank-form]');
    await bank.locator('input[name=bank]').fill('账务题库');
    const q1 = bank.locator('[data-question-editor="1"]');
    await q1.locator('textarea[name=text]').fill('账单日是每月几号？');
    await q1.locator('input[name=option1]').fill('1日');
    await q1.locator('input[name=option2]').fill('15日');
    // no correct option chosen: refused inside that question, nothing stored
    await page.click('[data-testid=bank-save]');
    await q1.locator('.field-error >> text=正确答案: 必填').waitFor();
    assert.equal(await page.locator('[data-testid=bank-questions] tbody tr').count(), 0);
    await q1.locator('input[aria-label="选项 1 正确"]').check();
    await q1.locator('input[name=points]').fill('50');
    await bank.locator('text=再加一题').click();
    const q2 = bank.locator('[data-question-editor="2"]');
    await q2.locator('select[name=kind]').selectOption('true_false');
    await q2.locator('textarea[name=text]').fill('可以口头承诺退费');
    await q2.locator('select[name=truth]').selectOption('false');
    await q2.locator('input[name=points]').fill('50');
    await page.click('[data-testid=bank-save]');
    await page.waitForSelector('[data-testid=bank-saved] >> text=已保存 2 道题');
    const keys = await page
      .locator('[data-testid=bank-questions] tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.firstChild?.textContent ?? '')));
    assert.deepEqual(
      keys.map((k) => [k[1], k[2], k[3], k[4]]),
      [
        ['单选', '账单日是每月几号？', '1日', '50'],
        ['判断', '可以口头承诺退费', '错', '50'],
      ],
    );

    // the exam: a pass mark of 101 is refused next to its field, in Chinese, and nothing is stored
    const exam = await fillNewExam(page, { title: '账务认证考试', queue: 'billing', timeLimitMin: '10', passPercent: '101' });
    await exam.locator('select[name=bank]').selectOption('账务题库');
    await exam.locator('[data-testid=exam-questions] input[type=checkbox]').nth(0).check();
    await exam.locator('[data-testid=exam-questions] input[type=checkbox]').nth(1).check();
    await exam.locator('text=已选 2 题，共 100 分').waitFor();
    await exam.locator('button >> text=创建考试').click();
    await fieldError(page, '[data-testid=exam-form-new]', 'passPercent').waitFor();
    assert.equal(await fieldError(page, '[data-testid=exam-form-new]', 'passPercent').textContent(), '不能大于 100');
    assert.equal(await page.locator('[data-testid=exams] tbody tr').count(), 0, 'the refused exam is not stored');
    await exam.locator('input[name=passPercent]').fill('80');
    await exam.locator('button >> text=创建考试').click();
    await page.waitForSelector('[data-testid=exams] >> text=账务认证考试');
    assert.equal(await fieldError(page, '[data-testid=exam-form-new]', 'passPercent').count(), 0, 'the error clears once accepted');

    // its attempts limit: 0 is refused under the input, 2 is kept
    const examRow = page.locator('[data-exam-row]:has-text("账务认证考试")');
    await examRow.locator('input[name=maxAttempts]').fill('0');
    await examRow.locator('button >> text=保存次数与间隔').click();
    await examRow.locator('td.field-invalid .field-error >> text=不能小于 1').waitFor();
    await examRow.locator('input[name=maxAttempts]').fill('2');
    await examRow.locator('button >> text=保存次数与间隔').click();
    await examRow.locator('.field-error').waitFor({ state: 'detached' });
    assert.equal((await h.store.db.selectFrom('people_exams').select('max_attempts').executeTakeFirstOrThrow()).max_attempts, 2);

    // the certification names the exam that certifies it
    await page.click('[data-training-tab=certs]');
    await page.waitForSelector('[data-cert-queue=billing] >> text=账务认证考试');
    await signOutUi(page);

    // the agent takes it (questions and options shuffled per attempt: found by their text) and passes
    await openTraining(h, 'a1');
    await page.click('[data-testid=exams] >> text=开始考试');
    await page.waitForSelector('[data-testid=exam-form]');
    await page.check('.question:has-text("账单日是每月几号") >> text=1日');
    await page.check('.question:has-text("可以口头承诺退费") >> text=错');
    await page.click('[data-testid=exam-form] >> text=提交');
    await page.waitForSelector('[data-testid=exam-status] >> text=通过');
    assert.match((await page.textContent('[data-testid=exam-result]')) ?? '', /100%/);
    await page.click('[data-testid=exam-result] >> text=返回');
    await page.click('[data-training-tab=certs]');
    const held = page.locator('[data-testid=certifications] tbody tr');
    await held.first().waitFor();
    const cells = await held.first().locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 3), ['李娜', 'billing', '100%']);
    assert.equal(await held.count(), 1);
  }));

test('an admin writes a survey in the browser (a scale whose top is not above its bottom is refused next to it); agents find it under Employee voice', () =>
  onTraining('admin', async ({ page, url }) => {
    await page.click('[data-training-tab=surveys]');
    const form = page.locator('[data-testid=survey-form]');
    await form.locator('input[name=title]').fill('十一月满意度');
    await form.locator('input[name=invited]').fill('20');
    const q1 = form.locator('[data-survey-question="1"]');
    await q1.locator('input[name=text]').fill('排班是否合理？');
    await q1.locator('input[name=option1]').fill('合理');
    await q1.locator('input[name=option2]').fill('不合理');
    await form.locator('text=再加一题').click();
    const q2 = form.locator('[data-survey-question="2"]');
    await q2.locator('select[name=kind]').selectOption('scale');
    await q2.locator('input[name=text]').fill('整体满意度');
    await q2.locator('input[name=min]').fill('5');
    await q2.locator('input[name=max]').fill('5');
    await page.click('[data-testid=survey-create]');
    const maxError = fieldError(page, '[data-survey-question="2"]', 'max');
    await maxError.waitFor();
    assert.equal(await maxError.textContent(), '最高分须大于最低分 5');
    assert.equal(await page.locator('[data-testid=survey-list] tr').count(), 0, 'nothing stored');
    await q2.locator('input[name=min]').fill('1');
    await page.click('[data-testid=survey-create]');
    await page.waitForSelector('[data-testid=survey-list] >> text=十一月满意度');
    assert.deepEqual((await page.locator('[data-testid=survey-list] tr td').allTextContents()).slice(0, 4), ['十一月满意度', '2 题', '邀请人数: 20', '进行中']);
    await signOutUi(page);

    await signInUi(page, url, 'a1');
    await page.click('a[data-nav="/floor/voice"]');
    await page.waitForSelector('text=十一月满意度');
    await page.waitForSelector('label:has-text("整体满意度") select');
    assert.deepEqual(await page.locator('label:has-text("整体满意度") select option').allTextContents(), ['—', '1', '2', '3', '4', '5']);
  }));

test('a trainer plans a course for a team and month, schedules a session and records who came', () =>
  onTraining('trainer', async (h) => {
    const { page } = h;
    await addCourse(page, '投诉处理');

    // the plan: a missing month is refused next to it, then accepted
    const plan = page.locator('[data-testid=plan]');
    await plan.locator('select[name=teamId]').selectOption({ label: 'A组' });
    await plan.locator('input[name=year]').fill('2026');
    await plan.locator('select[name=courseId]').selectOption({ label: '投诉处理' });
    await plan.locator('button').click();
    const monthError = fieldError(page, '[data-testid=plan]', 'month');
    await monthError.waitFor();
    assert.equal(await monthError.textContent(), '必填');
    await plan.locator('select[name=month]').selectOption('3');
    await plan.locator('button').click();
    await page.waitForSelector('[data-testid=plan] table >> text=2026-03');
    assert.deepEqual((await plan.locator('table tbody tr td').allTextContents()).slice(0, 3), ['2026-03', 'A组', '投诉处理 ']);

    // a session for team A on 2026-03-10 09:30 (the center's clock, whatever the browser's), then attendance
    const sessions = page.locator('[data-testid=sessions]');
    await sessions.locator('select[name=courseId]').selectOption({ label: '投诉处理' });
    await sessions.locator('select[name=teamId]').selectOption({ label: 'A组' });
    await sessions.locator('input[name=startsAt]').fill('2026-03-10T09:30');
    await sessions.locator('button >> text=安排培训').click();
    const row = sessions.locator('tbody tr').first();
    await row.locator('text=投诉处理').waitFor();
    await row.locator('button >> text=记录出勤').click();
    await row.locator('label:has-text("李娜") input').check();
    await row.locator('button >> text=保存出勤').click();
    await row.locator('button >> text=记录出勤').waitFor();
    // team A has two agents: 李娜 present, 王芳 absent
    assert.deepEqual((await row.locator('td').allTextContents()).slice(1, 5), ['投诉处理', 'A组', '1', '1']);
    const stored = await h.store.db.selectFrom('people_sessions').select('starts_at').executeTakeFirstOrThrow();
    // 09:30 in Asia/Shanghai (UTC+8) is 01:30 UTC
    assert.equal(Number(stored.starts_at), Date.UTC(2026, 2, 10, 1, 30), "stored at the center's wall-clock time typed");
  }));

test('a trainer marks a short answer: a mark above its points is refused next to it, then the attempt is marked', () =>
  onTraining(
    'trainer',
    async (h) => {
      const { page } = h;
      const form = page.locator('[data-testid=pending-marking]');
      await form.locator('text=先倾听再道歉').waitFor();
      await form.locator('label.field:has-text("满分 10") input').fill('11');
      await form.locator('button >> text=给分').click();
      const err = fieldError(page, '[data-testid=pending-marking]', 'mark-1');
      await err.waitFor();
      assert.equal(await err.textContent(), '给分须在 0 到 10 之间');
      await form.locator('input[name=mark-1]').fill('8');
      await form.locator('button >> text=给分').click();
      await form.waitFor({ state: 'detached' });
      const row = await h.store.db.selectFrom('people_exam_attempts').select(['status', 'percent']).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, Number(row.percent)], ['passed', 80]);
    },
    async (store, org) => {
      const now = Date.now();
      const { ids } = await addQuestions(store.db, org.centerId, '服务', [{ kind: 'short', text: '如何安抚投诉客户？', points: 10 }], org.users.trainer, now);
      const exam = await createExam(
        store.db,
        org.centerId,
        { title: '服务简答', queue: null, questionIds: ids, timeLimitMin: 10, passPercent: 60, graceS: 30, multiplePolicy: 'all_or_nothing' },
        org.users.trainer,
        now,
      );
      const a = await startAttempt(store.db, org.centerId, exam.id, org.agents.a1, now);
      await submitAttempt(store.db, a.attemptId, org.agents.a1, { [ids[0]!]: '先倾听再道歉' }, now + 60_000);
    },
  ));

test("the exam form says its refusal in the user's language (zh-TW, en)", () =>
  onTraining('trainer', async ({ page, url }) => {
    for (const [locale, text] of [
      ['zh-TW', '不能大於 100'],
      ['en', 'Must be at most 100'],
    ] as const) {
      await page.evaluate((l) => localStorage.setItem('cf.locale', l), locale);
      await page.goto(`${url}/#/floor/training`);
      await page.reload();
      const exam = await fillNewExam(page, { title: 'Exam', passPercent: '101' });
      await exam.locator('button').last().click();
      const err = fieldError(page, '[data-testid=exam-form-new]', 'passPercent');
      await err.waitFor();
      assert.equal(await err.textContent(), text);
    }
  }));
