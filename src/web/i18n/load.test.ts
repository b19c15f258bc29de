import { test } from 'node:test';
import assert from 'node:assert/strict';
import { i18n } from './index';
import { platformMessages } from './platform';

test('at start only the screen locale (zh-CN here) is merged, ready for the first render; a switch merges the chosen one', async () => {
  // no await before these: the first render reads them as soon as the module has run
  assert.equal(i18n.language, 'zh-CN');
  assert.equal(i18n.t('app.signOut'), (platformMessages['zh-CN'] as { app: { signOut: string } }).app.signOut);
  assert.equal(i18n.hasResourceBundle('en', 'translation'), false);
  assert.equal(i18n.hasResourceBundle('zh-TW', 'translation'), false);
  await i18n.changeLanguage('en');
  assert.equal(i18n.t('app.signOut'), (platformMessages.en as { app: { signOut: string } }).app.signOut);
  await i18n.changeLanguage('zh-TW');
  assert.equal(i18n.t('app.signOut'), (platformMessages['zh-TW'] as { app: { signOut: string } }).app.signOut);
  assert.notEqual(i18n.t('app.signOut'), i18n.t('app.signOut', { lng: 'en' }));
});
