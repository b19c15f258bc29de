/** Steps the squad e2e tests share (e2e/squadLeader, e2e/squadRoutine). */
import type { Page } from 'playwright-core';
import { signInUi } from './harness';

/**
 * The team lead signs in, opens the peer page and names 李娜 (a1) squad leader of 一小队 in A组 over 王芳 (a2);
 * returns once the squad is listed, the lead still signed in.
 */
export async function nameSquadLeader(page: Page, url: string) {
  await signInUi(page, url, 'team_lead');
  await page.goto(`${url}/#/floor/peer`);
  const form = page.locator('[data-testid=new-squad]');
  await form.locator('select[name=teamId]').selectOption({ label: 'A组' });
  await form.locator('input[name=squadName]').fill('一小队');
  await form.locator('select[name=squadLeader]').selectOption({ label: '李娜' });
  await form.locator('select[multiple]').selectOption({ label: '王芳' });
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('[data-testid=peer-squads] li >> text=一小队');
}
