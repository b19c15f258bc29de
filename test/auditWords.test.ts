/**
 * The audit page says every action and record in words (issue 14): each action and entity code an
 * `audit(…)` call in src writes (scanned with TypeScript's parser, test/auditCodes.ts) has words in
 * zh-CN, zh-TW and en, so a new code without words fails here; and a code without words (written
 * later, or a center's own work-order step) is shown as "other action" with the code, never a raw key.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import i18next from 'i18next';
import { auditCodes } from './auditCodes';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditKey, auditMessages } from '../src/web/i18n/audit';
import { kbwoMessages } from '../src/web/i18n/kbwo';
import { LOCALES } from '../src/web/i18n/types';
import { auditActionWords, auditEntityWords } from '../src/web/pages/people/auditWords';

async function i18nFor(lng: string) {
  const i = i18next.createInstance();
  const resources = Object.fromEntries(
    LOCALES.map((l) => [l, { translation: { ...(auditMessages[l] as object), wo: (kbwoMessages[l] as { wo: object }).wo } }]),
  );
  await i.init({ lng, resources, interpolation: { escapeValue: false }, showSupportNotice: false });
  return i;
}

test('every audit action and entity written in src is resolved by the scan and said in zh-CN, zh-TW and en', async () => {
  const codes = auditCodes();
  assert.deepEqual(codes.unresolved, [], 'audit codes the scan cannot resolve: list their values in test/auditCodes.ts');
  // the scan sees the writes of every capability (a scan that finds nothing would pass anything)
  for (const c of ['login', 'team.create', 'qa.dispute.upheld', 'qa.dispute.rejected', 'wo.close', 'wfm.peakRule.put', 'live.agent.queue.add'])
    assert.ok(codes.actions.has(c), `scan missed ${c}`);
  for (const l of LOCALES) {
    const i = await i18nFor(l);
    const noWords = [...codes.actions].filter((a) => !auditActionWords(i, a));
    assert.deepEqual(noWords, [], `${l}: actions without words (add them to src/web/i18n/audit.ts)`);
    const noEntity = [...codes.entities].filter((e) => !auditEntityWords(i, e));
    assert.deepEqual(noEntity, [], `${l}: entities without words`);
  }
});

test('each worded code has its own key, and no worded code is left unwritten', () => {
  for (const table of [AUDIT_ACTIONS, AUDIT_ENTITIES]) {
    const keys = Object.keys(table).map(auditKey);
    assert.equal(new Set(keys).size, keys.length, 'two codes share a key');
  }
  const codes = auditCodes();
  const stale = Object.keys(AUDIT_ACTIONS).filter((a) => !codes.actions.has(a));
  assert.deepEqual(stale, [], 'words for actions nothing writes');
  const staleEntities = Object.keys(AUDIT_ENTITIES).filter((e) => !codes.entities.has(e));
  assert.deepEqual(staleEntities, [], 'words for entities nothing writes');
});

test('the words of a known code, a work-order step, and no words (null) for an unknown one', async () => {
  const cn = await i18nFor('zh-CN');
  assert.equal(auditActionWords(cn, 'qa.dispute.open'), '提出申诉');
  assert.equal(auditActionWords(cn, 'kb.import'), '导入文章');
  assert.equal(auditActionWords(cn, 'kb.import.publish'), '导入并发布文章');
  assert.equal(auditActionWords(cn, 'wo.close'), '工单：结案');
  assert.equal(auditEntityWords(cn, 'qa_dispute'), '申诉');
  assert.equal(auditActionWords(cn, 'wo.someCentersOwnStep'), null);
  assert.equal(auditActionWords(cn, 'future.thing'), null);
  assert.equal(auditEntityWords(cn, 'future_thing'), null);
  const tw = await i18nFor('zh-TW');
  assert.equal(auditActionWords(tw, 'wo.close'), '工單：結案');
  const en = await i18nFor('en');
  assert.equal(auditActionWords(en, 'user.roles'), "Changed a user's roles");
});
