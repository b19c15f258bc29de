import { startHarness, signInUi, signOutUi } from './harness';
const h = await startHarness();
const { page, url } = h;
try {
  await signInUi(page, url, 'trainer');
  await page.click('a[data-nav="/floor/training"]');
  for (const w of [1280, 390]) {
    await page.setViewportSize({ width: w, height: 900 });
    for (const tab of ['exams', 'certs', 'courses', 'bank']) {
      await page.click(`[data-tab=${tab}]`);
      await page.waitForTimeout(600);
      await page.screenshot({ path: `/tmp/shot-${tab}-${w}.png`, fullPage: true });
    }
  }
  // error display in bank
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.click('[data-tab=bank]');
  await page.click('[data-testid=bank-save]');
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shot-bank-err.png`, fullPage: true });
  await signOutUi(page);
  await signInUi(page, url, 'admin');
  await page.click('a[data-nav="/floor/training"]');
  await page.click('[data-tab=surveys]');
  await page.click('[data-testid=survey-form] >> text=新建');
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shot-surveys.png`, fullPage: true });
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log('scrollWidth admin', sw);
} finally {
  await h.close();
}
