/**
 * Setup records can be changed and deleted (issue 14), with what a center keeps once used: a course
 * with sessions, a question an attempted exam asked, an exam with attempts, a session with attendance,
 * a survey with answers, a done lead task and a department holding open orders are refused with a
 * reason (and archived instead where that applies); every write is audited; an agent gets 403, a team
 * lead 403 (only those who create may edit) and another center's trainer or manager finds nothing.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { createCenter, createUser } from '../../store/org';
import { listAudit } from '../../store/audit';
import { signIn, testApp, testPasswordHash } from '../testing';

const T0 = Date.UTC(2026, 10, 2, 1, 0);

/** The status, reason and params of an answer, for one comparison. */
const refusal = (r: { status: number; body: any }) => [r.status, r.body.reason, r.body.params];

forEachDatabase('training setup: courses, plan, sessions, questions and exams are changed, archived and deleted; used ones are kept', async (_t, store) => {
  const { app, org, as } = await testApp(store, { now: () => T0 });
  try {
    const trainer = await as('trainer');
    // ---- courses: a title change shows in the list; a course with a session cannot be deleted, archived it takes no new session
    const course = (await trainer.req('POST', '/api/people/courses', { title: '账务基础', module: '账务', hours: 2 })).body.id as number;
    const spare = (await trainer.req('POST', '/api/people/courses', { title: '临时课程' })).body.id as number;
    const edited = await trainer.req('PATCH', `/api/people/courses/${course}`, { title: '账务基础（2027 版）', hours: 3 });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    const courses = (await trainer.req('GET', '/api/people/courses')).body as { id: number; title: string; module: string | null; hours: number }[];
    assert.deepEqual(
      courses.map((c) => [c.id, c.title, c.module, c.hours]),
      [
        [course, '账务基础（2027 版）', '账务', 3],
        [spare, '临时课程', null, 1],
      ],
    );
    const s1 = (await trainer.req('POST', '/api/people/sessions', { courseId: course, teamId: org.teamA, startsAt: T0 + 86_400_000 })).body.id as number;
    const s2 = (await trainer.req('POST', '/api/people/sessions', { courseId: course, startsAt: T0 + 2 * 86_400_000 })).body.id as number;
    assert.deepEqual(refusal(await trainer.req('DELETE', `/api/people/courses/${course}`)), [409, 'people.courseHasSessions', { count: 2 }]);
    // the spare course is planned once: deleting it takes its plan item with it
    const planned = (await trainer.req('POST', '/api/people/plan', { teamId: org.teamA, year: 2026, month: 12, courseId: spare })).body.id as number;
    assert.equal((await trainer.req('DELETE', `/api/people/courses/${spare}`)).status, 200);
    assert.deepEqual(
      (await trainer.req('GET', '/api/people/courses')).body.map((c: { id: number }) => c.id),
      [course],
    );
    assert.deepEqual((await trainer.req('GET', '/api/people/plan?year=2026')).body, [], `plan item ${planned} went with its course`);

    // ---- plan items: moved to another team and month, then deleted
    const item = (await trainer.req('POST', '/api/people/plan', { teamId: org.teamA, year: 2026, month: 3, courseId: course })).body.id as number;
    assert.equal((await trainer.req('PATCH', `/api/people/plan/${item}`, { teamId: org.teamB, month: 4 })).status, 200);
    assert.deepEqual(
      (await trainer.req('GET', '/api/people/plan?year=2026')).body.map((p: any) => [p.id, p.team_id, p.month]),
      [[item, org.teamB, 4]],
    );
    assert.deepEqual(refusal(await trainer.req('PATCH', `/api/people/plan/${item}`, { teamId: 9999 })), [400, 'people.teamMissing', { teamId: 9999 }]);
    assert.equal((await trainer.req('DELETE', `/api/people/plan/${item}`)).status, 200);
    assert.deepEqual((await trainer.req('GET', '/api/people/plan?year=2026')).body, []);

    // ---- sessions: moved; one with attendance is kept, one without deleted
    const later = T0 + 5 * 86_400_000;
    assert.equal((await trainer.req('PATCH', `/api/people/sessions/${s2}`, { startsAt: later, teamId: org.teamB })).status, 200);
    const s2Row = (await trainer.req('GET', '/api/people/sessions')).body.find((s: any) => s.id === s2);
    assert.deepEqual([s2Row.starts_at, s2Row.team_id], [later, org.teamB]);
    const att = [
      { agentId: org.agents.a1, present: true },
      { agentId: org.agents.a2, present: false },
    ];
    assert.equal((await trainer.req('PUT', `/api/people/sessions/${s1}/attendance`, { attendance: att })).status, 200);
    assert.deepEqual(refusal(await trainer.req('DELETE', `/api/people/sessions/${s1}`)), [409, 'people.sessionHasAttendance', { count: 2 }]);
    assert.equal((await trainer.req('DELETE', `/api/people/sessions/${s2}`)).status, 200);
    assert.deepEqual(
      (await trainer.req('GET', '/api/people/sessions')).body.map((s: { id: number }) => s.id),
      [s1],
    );

    // archiving the course: kept for its session, refused for a new one, and restored
    assert.equal((await trainer.req('PATCH', `/api/people/courses/${course}`, { archived: true })).status, 200);
    assert.notEqual((await trainer.req('GET', '/api/people/courses')).body[0].archived_at, null);
    assert.deepEqual(refusal(await trainer.req('POST', '/api/people/sessions', { courseId: course, startsAt: later })), [
      400,
      'people.courseArchived',
      { title: '账务基础（2027 版）' },
    ]);
    assert.equal((await trainer.req('PATCH', `/api/people/courses/${course}`, { archived: false })).status, 200);
    assert.equal((await trainer.req('GET', '/api/people/courses')).body[0].archived_at, null);

    // ---- questions: q1 goes into an exam that a1 attempts, q2 into an exam nobody attempts, q3 into none
    const ids = (
      await trainer.req('POST', '/api/people/questions', {
        bank: '账务',
        questions: [
          { kind: 'true_false', text: '可以口头承诺退费', answer: false, points: 10 },
          { kind: 'single', text: '账单日是？', options: ['1日', '15日'], answer: 0, points: 10 },
          { kind: 'true_false', text: '草稿题', answer: true, points: 5 },
        ],
      })
    ).body.ids as number[];
    const [q1, q2, q3] = ids as [number, number, number];
    const attempted = (await trainer.req('POST', '/api/people/exams', { title: '账务认证', questionIds: [q1], timeLimitMin: 10, passPercent: 60 })).body.id;
    const untouched = (await trainer.req('POST', '/api/people/exams', { title: '账单练习', questionIds: [q2], timeLimitMin: 10 })).body.id;
    const a1 = await as('a1');
    const started = await a1.req('POST', `/api/people/exams/${attempted}/start`);
    assert.equal(started.status, 200, JSON.stringify(started.body));

    // q3: its content changes (a single choice whose key must be one of its options), then it is deleted
    assert.deepEqual(
      refusal(
        await trainer.req('PATCH', `/api/people/questions/${q3}`, { question: { kind: 'single', text: '新题', options: ['甲', '乙'], answer: 2, points: 5 } }),
      ),
      [400, 'people.answerNotAnOption', { options: 2 }],
    );
    const q3Edit = await trainer.req('PATCH', `/api/people/questions/${q3}`, {
      bank: '服务',
      question: { kind: 'single', text: '首问负责制是指？', options: ['谁接谁负责', '转给专家'], answer: 0, points: 5 },
    });
    assert.equal(q3Edit.status, 200, JSON.stringify(q3Edit.body));
    const bank = async () => (await trainer.req('GET', '/api/people/questions')).body.questions as any[];
    const q3Row = (await bank()).find((q) => q.id === q3);
    assert.deepEqual([q3Row.bank, q3Row.kind, q3Row.text, q3Row.options, q3Row.answer], ['服务', 'single', '首问负责制是指？', ['谁接谁负责', '转给专家'], 0]);
    assert.equal((await trainer.req('DELETE', `/api/people/questions/${q3}`)).status, 200);
    // q1 is asked by an attempted exam: neither changed nor deleted, but archived (then no new exam takes it)
    assert.deepEqual(refusal(await trainer.req('DELETE', `/api/people/questions/${q1}`)), [409, 'people.questionInAttemptedExam', { exam: '账务认证' }]);
    assert.deepEqual(
      refusal(await trainer.req('PATCH', `/api/people/questions/${q1}`, { question: { kind: 'true_false', text: '改过的题', answer: true, points: 10 } })),
      [409, 'people.questionInAttemptedExam', { exam: '账务认证' }],
    );
    assert.equal((await trainer.req('PATCH', `/api/people/questions/${q1}`, { archived: true })).status, 200);
    assert.equal((await bank()).find((q) => q.id === q1).archived, true);
    assert.deepEqual(refusal(await trainer.req('POST', '/api/people/exams', { title: '新考试', questionIds: [q1, q2], timeLimitMin: 10 })), [
      400,
      'people.questionArchived',
      { ids: String(q1) },
    ]);
    // q2 is asked by an exam nobody attempted: deleting it names the exam
    assert.deepEqual(refusal(await trainer.req('DELETE', `/api/people/questions/${q2}`)), [409, 'people.questionInExam', { exam: '账单练习' }]);
    assert.deepEqual(
      (await bank()).map((q) => q.id),
      [q1, q2],
    );

    // ---- exams: the attempted one keeps its questions and pass mark; its title and limits change; archived, agents no longer see it
    assert.deepEqual(refusal(await trainer.req('PATCH', `/api/people/exams/${attempted}`, { passPercent: 80 })), [409, 'people.examHasAttempts', { count: 1 }]);
    assert.deepEqual(refusal(await trainer.req('PATCH', `/api/people/exams/${attempted}`, { questionIds: [q1, q2] })), [
      409,
      'people.examHasAttempts',
      { count: 1 },
    ]);
    assert.deepEqual(refusal(await trainer.req('DELETE', `/api/people/exams/${attempted}`)), [409, 'people.examHasAttempts', { count: 1 }]);
    const renamed = await trainer.req('PATCH', `/api/people/exams/${attempted}`, { title: '账务认证（旧）', passPercent: 60, maxAttempts: 5 });
    assert.deepEqual([renamed.status, renamed.body.maxAttempts], [200, 5]);
    assert.equal((await trainer.req('PATCH', `/api/people/exams/${attempted}`, { archived: true })).status, 200);
    const a2 = await as('a2');
    assert.deepEqual(
      (await a2.req('GET', '/api/people/exams')).body.map((e: { id: number }) => e.id),
      [untouched],
    );
    assert.deepEqual(refusal(await a2.req('POST', `/api/people/exams/${attempted}/start`)), [409, 'people.examArchived', { title: '账务认证（旧）' }]);
    const staffView = (await trainer.req('GET', '/api/people/exams')).body as { id: number; title: string; archived: boolean; passPercent: number }[];
    assert.deepEqual(
      staffView.map((e) => [e.id, e.title, e.archived, e.passPercent]),
      [
        [untouched, '账单练习', false, 80],
        [attempted, '账务认证（旧）', true, 60],
      ].sort((x, y) => (y[0] as number) - (x[0] as number)),
    );
    // the untouched exam changes its questions and pass mark, then is deleted; then q2 can go too
    assert.equal((await trainer.req('PATCH', `/api/people/exams/${untouched}`, { passPercent: 90, questionIds: [q2] })).status, 200);
    assert.equal((await trainer.req('GET', '/api/people/exams')).body.find((e: { id: number }) => e.id === untouched).passPercent, 90);
    assert.equal((await trainer.req('DELETE', `/api/people/exams/${untouched}`)).status, 200);
    assert.equal((await trainer.req('DELETE', `/api/people/questions/${q2}`)).status, 200);

    // every change is audited with who made it
    const actions = (await listAudit(store.db, { limit: 500 })).filter((a) => a.user_id === org.users.trainer).map((a) => a.action);
    for (const a of [
      'people.course.update',
      'people.course.delete',
      'people.plan.update',
      'people.plan.delete',
      'people.session.update',
      'people.session.delete',
      'people.question.update',
      'people.question.delete',
      'people.exam.update',
      'people.exam.delete',
    ])
      assert.ok(actions.includes(a), a);
  } finally {
    await app.close();
  }
});

forEachDatabase('surveys, lead tasks and departments: changed and deleted; answered, done or busy ones refused with the figures', async (_t, store) => {
  let now = T0;
  const { app, org, as } = await testApp(store, { now: () => now });
  try {
    const admin = await as('admin');
    // ---- surveys: before answers everything changes; after two answers the questions are kept and delete is refused
    const questions = [{ id: 'q1', kind: 'single', text: '满意吗？', options: ['满意', '不满意'] }];
    const sv = (await admin.req('POST', '/api/people/surveys', { title: '食堂满意度', questions, invited: 10 })).body.id as number;
    const more = [...questions, { id: 'q2', kind: 'text', text: '建议' }];
    assert.equal((await admin.req('PATCH', `/api/people/surveys/${sv}`, { title: '食堂与班车满意度', questions: more })).status, 200);
    for (const who of ['a1', 'a2'] as const)
      assert.equal((await (await as(who)).req('POST', `/api/people/surveys/${sv}/answers`, { answers: { q1: 0 } })).status, 200);
    assert.deepEqual(refusal(await admin.req('PATCH', `/api/people/surveys/${sv}`, { questions })), [409, 'people.surveyHasAnswers', { count: 2 }]);
    assert.deepEqual(refusal(await admin.req('DELETE', `/api/people/surveys/${sv}`)), [409, 'people.surveyHasAnswers', { count: 2 }]);
    assert.equal((await admin.req('PATCH', `/api/people/surveys/${sv}`, { title: '食堂满意度（已结束）', open: false })).status, 200);
    const row = (await admin.req('GET', '/api/people/surveys')).body.find((s: { id: number }) => s.id === sv);
    assert.deepEqual([row.title, row.open, row.questions.length], ['食堂满意度（已结束）', false, 2]);
    const empty = (await admin.req('POST', '/api/people/surveys', { title: '空问卷', questions, invited: 0 })).body.id as number;
    assert.equal((await admin.req('DELETE', `/api/people/surveys/${empty}`)).status, 200);
    assert.deepEqual(
      (await admin.req('GET', '/api/people/surveys')).body.map((s: { id: number }) => s.id),
      [sv],
    );

    // ---- lead tasks: an open one changes and is deleted; a done one is kept
    const duty = await as('duty_manager');
    const t1 = (await duty.req('POST', '/api/people/tasks', { leadId: org.users.team_lead, title: '整理排班', dueOn: '2026-11-10' })).body.id as number;
    const t2 = (await duty.req('POST', '/api/people/tasks', { leadId: org.users.team_lead, title: '新人带教', dueOn: '2026-11-12' })).body.id as number;
    assert.equal((await duty.req('PATCH', `/api/people/tasks/${t1}`, { title: '整理十二月排班', dueOn: '2026-11-20' })).status, 200);
    const lead = await as('team_lead');
    assert.equal((await lead.req('POST', `/api/people/tasks/${t2}/done`, { completedOn: '2026-11-05' })).status, 200);
    assert.deepEqual(refusal(await duty.req('PATCH', `/api/people/tasks/${t2}`, { title: '改' })), [409, 'people.taskDone', { doneOn: '2026-11-05' }]);
    assert.deepEqual(refusal(await duty.req('DELETE', `/api/people/tasks/${t2}`)), [409, 'people.taskDone', { doneOn: '2026-11-05' }]);
    assert.deepEqual(
      (await lead.req('GET', '/api/people/tasks')).body.map((t: any) => [t.id, t.title, t.due_on]),
      [
        [t1, '整理十二月排班', '2026-11-20'],
        [t2, '新人带教', '2026-11-12'],
      ],
    );
    assert.equal((await duty.req('DELETE', `/api/people/tasks/${t1}`)).status, 200);
    assert.deepEqual(
      (await lead.req('GET', '/api/people/tasks')).body.map((t: { id: number }) => t.id),
      [t2],
    );

    // ---- departments: a crew holding two open dispatch orders cannot be deleted; renamed and re-staffed; emptied, it can
    const hash = await testPasswordHash();
    const c1 = await createUser(store.db, { username: 'crew1', displayName: '抢修甲', passwordHash: hash, roles: ['agent'], centerId: org.centerId }, T0);
    const c2 = await createUser(store.db, { username: 'crew2', displayName: '抢修乙', passwordHash: hash, roles: ['agent'], centerId: org.centerId }, T0);
    const crew = (await admin.req('POST', '/api/workorders/departments', { name: '抢修一队', kind: 'crew', memberIds: [c1] })).body.id as number;
    const other = (await admin.req('POST', '/api/workorders/departments', { name: '账务部', kind: 'business', memberIds: [] })).body.id as number;
    assert.deepEqual(refusal(await admin.req('PATCH', `/api/workorders/departments/${crew}`, { name: '账务部' })), [
      409,
      'input.duplicate',
      { value: '账务部' },
    ]);
    assert.equal((await admin.req('PATCH', `/api/workorders/departments/${crew}`, { name: '抢修二队', memberIds: [c1, c2] })).status, 200);
    const a1 = await as('a1');
    const orders: number[] = [];
    for (const title of ['燃气表漏气', '水表不走']) {
      const o = await a1.req('POST', '/api/workorders', {
        type: 'dispatch',
        priority: 'normal',
        category: '報修',
        title,
        customerId: 'C-1',
        customerPhone: '13900000000',
        dispatch: { address: '徐汇区漕溪北路 1 号', appointmentFrom: now + 3_600_000, appointmentTo: now + 7_200_000 },
      });
      assert.equal(o.status, 200, JSON.stringify(o.body));
      orders.push(o.body.id);
      now += 60_000;
      assert.equal((await a1.req('POST', `/api/workorders/${o.body.id}/transitions`, { transition: 'send', departmentId: crew })).status, 200);
    }
    assert.deepEqual(refusal(await admin.req('DELETE', `/api/workorders/departments/${crew}`)), [
      409,
      'workorder.departmentHasOpenOrders',
      { name: '抢修二队', count: 2 },
    ]);
    const cfg = (await admin.req('GET', '/api/workorders/config')).body.departments as { id: number; name: string; memberIds: number[] }[];
    assert.deepEqual(
      cfg.map((d) => [d.id, d.name, [...d.memberIds].sort((x, y) => x - y)]),
      [
        [crew, '抢修二队', [c1, c2].sort((x, y) => x - y)],
        [other, '账务部', []],
      ],
    );
    assert.equal((await admin.req('DELETE', `/api/workorders/departments/${other}`)).status, 200);
    assert.deepEqual(
      (await admin.req('GET', '/api/workorders/config')).body.departments.map((d: { id: number }) => d.id),
      [crew],
    );
    const done = (await listAudit(store.db, { limit: 500 })).map((a) => a.action);
    for (const a of [
      'people.survey.update',
      'people.survey.delete',
      'people.task.update',
      'people.task.delete',
      'wo.department.update',
      'wo.department.delete',
    ])
      assert.ok(done.includes(a), a);
  } finally {
    await app.close();
  }
});

forEachDatabase('who may edit: agents and team leads get 403; another center finds none of these records', async (_t, store) => {
  const { app, org, as } = await testApp(store, { now: () => T0 });
  try {
    const trainer = await as('trainer');
    const admin = await as('admin');
    const course = (await trainer.req('POST', '/api/people/courses', { title: '账务基础' })).body.id;
    const q = (await trainer.req('POST', '/api/people/questions', { bank: '账务', questions: [{ kind: 'true_false', text: '对吗', answer: true, points: 1 }] }))
      .body.ids[0];
    const exam = (await trainer.req('POST', '/api/people/exams', { title: '账务', questionIds: [q], timeLimitMin: 5 })).body.id;
    const session = (await trainer.req('POST', '/api/people/sessions', { courseId: course, startsAt: T0 })).body.id;
    const plan = (await trainer.req('POST', '/api/people/plan', { teamId: org.teamA, year: 2026, month: 5, courseId: course })).body.id;
    const survey = (await admin.req('POST', '/api/people/surveys', { title: '问卷', questions: [{ id: 'q', kind: 'text', text: '建议' }], invited: 0 })).body
      .id;
    const task = (await admin.req('POST', '/api/people/tasks', { leadId: org.users.team_lead, title: '任务', dueOn: '2026-11-30' })).body.id;
    const dept = (await admin.req('POST', '/api/workorders/departments', { name: '账务部', kind: 'business' })).body.id;
    const edits: [string, object][] = [
      [`/api/people/courses/${course}`, { title: '改' }],
      [`/api/people/plan/${plan}`, { month: 6 }],
      [`/api/people/sessions/${session}`, { startsAt: T0 + 1 }],
      [`/api/people/questions/${q}`, { bank: '改' }],
      [`/api/people/exams/${exam}`, { title: '改' }],
      [`/api/people/surveys/${survey}`, { title: '改' }],
      [`/api/people/tasks/${task}`, { title: '改' }],
      [`/api/workorders/departments/${dept}`, { name: '改' }],
    ];
    for (const who of ['a1', 'team_lead'] as const) {
      const c = await as(who);
      for (const [url, body] of edits) {
        assert.equal((await c.req('PATCH', url, body)).status, 403, `${who} PATCH ${url}`);
        assert.equal((await c.req('DELETE', url)).status, 403, `${who} DELETE ${url}`);
      }
    }
    // another center's trainer, manager and duty manager (who may edit their own) find nothing here
    const hash = await testPasswordHash();
    const other = await createCenter(store.db, '别的中心', 'Asia/Shanghai', T0);
    await createUser(
      store.db,
      { username: 'x_mgr', displayName: 'x', passwordHash: hash, roles: ['center_manager', 'trainer', 'duty_manager'], centerId: other },
      T0,
    );
    const x = await signIn(app, 'x_mgr');
    for (const [url, body] of edits) {
      const p = await x.req('PATCH', url, body);
      assert.deepEqual([p.status, p.body.reason], [404, 'common.notFound'], `PATCH ${url}`);
      assert.equal((await x.req('DELETE', url)).status, 404, `DELETE ${url}`);
    }
    // nothing changed
    assert.equal((await trainer.req('GET', '/api/people/courses')).body[0].title, '账务基础');
    assert.equal((await trainer.req('GET', '/api/people/exams')).body[0].title, '账务');
    assert.equal((await admin.req('GET', '/api/workorders/config')).body.departments[0].name, '账务部');
    assert.equal((await admin.req('GET', '/api/people/tasks')).body[0].title, '任务');
  } finally {
    await app.close();
  }
});
