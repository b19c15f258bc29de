/**
 * A refusal of the server is shown in the user's language (issue 14): `errors.<reason>` with its params,
 * a field named in the text by its label, a work order's state and transition by the board's names.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

process.env.TZ = 'Asia/Shanghai';
const { i18n } = await import('./i18n/index');
const { errorMessage } = await import('./api');

test('a refusal is said in the user’s language, an ISO instant in its params as the app says times, without a reason the server’s message', async () => {
  await i18n.changeLanguage('zh-CN');
  // the dispute window closed 2026-10-13 02:00 UTC = 10:00 in Shanghai
  const closed = { reason: 'quality.disputeWindowClosed', params: { deadline: '2026-10-13T02:00:00.000Z', windowDays: 7 }, field: 'openedAt', message: 'x' };
  assert.equal(errorMessage(closed, 400), '申诉期已于 2026/10/13 10:00 截止（通知后 7 天内可申诉）');
  // zh-TW and en: the date as the browser's Intl writes it in that language (zh-TW puts a thin space before the time)
  const said = (lang: string, hourCycle?: 'h23') =>
    new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle }).format(
      Date.UTC(2026, 9, 13, 2),
    );
  assert.match(said('zh-TW', 'h23'), /^2026\/10\/13\s10:00$/);
  await i18n.changeLanguage('zh-TW');
  assert.equal(errorMessage(closed, 400), `申訴期已於 ${said('zh-TW', 'h23')} 截止（通知後 7 天內可申訴）`);
  // a date that is not an instant stays as it is; the field's label goes in front when it has one…
  await i18n.changeLanguage('zh-CN');
  assert.equal(
    errorMessage({ reason: 'quality.followUpPast', params: { date: '2026-10-01', today: '2026-10-05' }, field: 'followUpDate' }, 400),
    '跟进日期 2026-10-01 已过去（今天是 2026-10-05）',
  );
  assert.equal(errorMessage({ reason: 'input.tooSmallCount', params: { minimum: 1 }, field: 'body.teamId' }, 400), '班组: 至少 1 项');
  // …but not when the text already says it
  assert.equal(errorMessage({ reason: 'input.endBeforeStart', params: {}, field: 'to' }, 400), '结束须晚于开始');
  assert.equal(errorMessage({ reason: 'no.such.reason', message: 'the server said' }, 400), 'the server said');
  await i18n.changeLanguage('en');
  assert.match(said('en'), /^10\/13\/2026, 10:00\sAM$/);
  assert.equal(errorMessage(closed, 400), `the dispute window closed at ${said('en')} (7 days after notification)`);
});

const say = (body: { reason: string; params?: Record<string, unknown>; field?: string; message?: string }, withField = true) =>
  errorMessage({ message: 'the English message', ...body }, 400, withField);

test('a refusal with a reason is said in zh-CN, zh-TW and en, its params in place', async () => {
  const wrongState = { reason: 'workorder.wrongState', field: 'transition', params: { transition: 'escalate', state: 'draft' } };
  const rest = { reason: 'wfm.contract.minRest', field: 'contract.minRest', params: { rest: 10, min: 11, agentId: 3 } };
  await i18n.changeLanguage('zh-CN');
  // the board's own words for the state and the transition (wo.states.draft, wo.transitions.escalate)
  assert.equal(say(wrongState, false), '工单当前为“草稿”，不能执行“升级值班经理”');
  assert.equal(say(rest, false), '违反合同：两个班次之间只休息 10 小时，合同要求至少 11 小时');
  // a state a center configured without a translation is shown as stored
  assert.equal(say({ ...wrongState, params: { transition: 'escalate', state: 'on_hold' } }, false), '工单当前为“on_hold”，不能执行“升级值班经理”');
  await i18n.changeLanguage('zh-TW');
  assert.equal(say(rest, false), '違反合約：兩個班次之間只休息 10 小時，合約要求至少 11 小時');
  await i18n.changeLanguage('en');
  assert.equal(say({ reason: 'kb.fileTooLarge', field: 'data', params: { bytes: 9, limit: 8 } }, false), 'The file is 9 bytes; the limit is 8 bytes');
  // without a translation the server's English message stands, also for a reason that names a group of messages
  assert.equal(say({ reason: 'no.suchReason' }), 'the English message');
  assert.equal(say({ reason: 'role' }), 'the English message');
  // the server's refusal of a role is said in words
  assert.equal(say({ reason: 'role.notAllowed', params: { roles: 'wfm' } }), 'Your role may not do this');
  await i18n.changeLanguage('zh-CN');
});

test('a field named in the text is said by its label, and not said twice in front of it', async () => {
  await i18n.changeLanguage('zh-CN');
  // uniqueAs('date', …) of a leave day: the conflict names the field
  assert.equal(say({ reason: 'input.conflict', field: 'date', params: { field: 'date' } }), '日期 已被他人修改或已存在，请刷新后重试');
  // a field without a label stays as named
  assert.equal(
    say({ reason: 'input.badDate', field: 'weekStart2', params: { field: 'weekStart2', value: '2026-13-01' } }),
    'weekStart2 不是有效日期：2026-13-01',
  );
  // a reason that does not name the field gets the label in front (a note above the form)
  assert.equal(say({ reason: 'input.required', field: 'title', params: {} }), '标题: 必填');
  assert.equal(say({ reason: 'input.required', field: 'title', params: {} }, false), '必填');
});
