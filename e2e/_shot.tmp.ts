import { startHarness, signInUi, signOutUi } from './harness';
const h = await startHarness();
const { page, url } = h;
try {
  for (const loc of ['zh-TW', 'en']) {
    await signInUi(page, url, 'admin');
    await page.evaluate((l) => localStorage.setItem('cf.locale', l), loc);
    await page.goto(`${url}/#/floor/training`);
    await page.reload();
    for (const tab of ['exams', 'certs', 'courses', 'bank', 'surveys']) {
      await page.click(`[data-tab=${tab}]`);
      await page.waitForTimeout(700);
      const txt = await page.locator('.page').innerText();
      const raw = txt.match(/\b(trn|ppl|errors)\.[a-zA-Z.]+/g);
      console.log(loc, tab, raw ?? 'ok', txt.slice(0, 160).replace(/\n/g, ' | '));
    }
    await page.screenshot({ path: `/tmp/shot-${loc}.png`, fullPage: true });
    await signOutUi(page);
  }
} finally {
  await h.close();
}
