import assert from 'node:assert/strict';
import { test } from 'node:test';

process.env.TZ = 'Asia/Shanghai';

test('a refusal is said in the user’s language, an ISO instant in its params as the app says times, without a reason the server’s message', async () => {
  const { i18n } = await import('./i18n/index');
  const { errorMessage } = await import('./api');
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
