/**
 * The browser walk (issue 14): every page of the menu (src/web/nav.ts, so a new page joins by being
 * listed there) for every demo role that may open it, in zh-CN, zh-TW and en, over the demo center's
 * data. A page fails the walk on a console error, an error answer (4xx/5xx) to a call it made, a raw
 * i18n key, a camelCase or snake_case identifier in visible text, an English word on a Chinese screen,
 * or a character of the other Chinese script, or a visible form control without an accessible name (a
 * label, aria-label or aria-labelledby). On each page it then opens every folded section (`<details>`)
 * and, for each kind of opener the page marks with `data-opens` (a row's drawer, detail, dialog: the QA
 * scoring drawer, a work order's page, a KB article…), the first one, and checks again there.
 * A phone pass (390 × 844) repeats the agent's pages.
 * One file a locale (walkZhCn / walkZhTw / walkEn.test.ts), so each stays within the suite's per-file limit.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startDemoHarness, signInUi, signOutUi } from './harness';
import { navItems } from '../src/web/nav';
import type { Locale } from '../src/web/i18n/types';
import { otherScriptChars } from '../src/web/i18n/scriptCheck';
import { DEMO_PASSWORD } from '../src/cli/commands/demo';
import { timeOffMessages } from '../src/web/i18n/timeOff';

process.env.CALLFLOOR_SCRYPT_LOG2N ??= '14';

/** One demo user per role. */
const WALKERS: Array<[role: string, username: string]> = [
  ['admin', 'admin'],
  ['center_manager', 'manager'],
  ['duty_manager', 'duty'],
  ['team_lead', 'lead1'],
  ['qa', 'qa'],
  ['wfm', 'wfm'],
  ['trainer', 'trainer'],
  ['expert', 'expert'],
  ['agent', 'agent1'],
];

/**
 * Latin words a Chinese screen may show, each group for a reason: the product's name; abbreviations a
 * Chinese call center uses as such (KPI, AHT, SLA… and IC卡, USB in the seeded rules and articles);
 * file formats; the proper names of a method (Erlang, Holt-Winters); the telephony products and
 * protocols an administrator connects to, which have no Chinese names (Asterisk AMI, FreeSWITCH, 阿里云 CCC).
 */
const LATIN_ALLOWED = new Set([
  ...['CallFloor'],
  ...['KPI', 'AHT', 'ASA', 'SLA', 'QA', 'ID', 'PBX', 'ACW', 'IVR', 'VIP', 'IC', 'USB'],
  ...['CSV', 'XLSX', 'Excel', 'JSON', 'JSONL', 'HTML'],
  // the public data sets the import page names by their published names
  ...['Anonymous', 'Bank', 'PwC'],
  ...['Erlang', 'Holt', 'Winters'],
  ...['Asterisk', 'AMI', 'FreeSWITCH', 'PJSIP', 'CCC', 'Webhook'],
  // a key as printed on the keyboard
  ...['Ctrl'],
]);
/** Identifiers that are names: the FreeSWITCH module the connector speaks to, Asterisk's queue_log file. */
const IDENTIFIER_ALLOWED = new Set(['mod_callcenter', 'queue_log']);

const RAW_KEY = /(?<![\w./@:-])[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*){2,}(?![\w/@-])/g;
const CAMEL = /(?<![\w.])[a-z]+[A-Z][a-zA-Z]*(?![\w])/g;
const SNAKE = /(?<![\w.])[a-z][a-z0-9]*_[a-z0-9_]+(?![\w])/g;
const LATIN_WORD = /(?<![A-Za-z0-9_])[A-Za-z]{2,}(?![A-Za-z0-9_])/g;

/**
 * What the screen shows: the text of the page plus the placeholders of its inputs, less what is marked
 * as not in the screen's language: machine text (`code`, `pre`), what must not be translated
 * (`translate="no"`: user names, call ids, file contents) and text in another language (`lang`, e.g. each
 * language's own name in the language picker).
 */
async function screenText(page: Page, locale: Locale) {
  return page.evaluate((l) => {
    let text = document.body.innerText;
    const apart = [...document.querySelectorAll<HTMLElement>(`code, pre, [translate="no"], [lang]:not([lang="${l}"])`)]
      .map((e) => (e.innerText || e.textContent || '').trim())
      .filter(Boolean)
      .sort((a, b) => b.length - a.length); // the longest first, so a short one does not cut a long one apart
    for (const own of apart) text = text.split(own).join('\n');
    const ph = [...document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')]
      .filter((e) => !e.closest('[translate="no"]'))
      .map((e) => e.placeholder);
    return [text, ...ph].join('\n');
  }, locale);
}

function textProblems(text: string, locale: Locale): string[] {
  const out: string[] = [];
  // each finding once, with the words around its first appearance so it can be found on the page
  const uniq = (re: RegExp) =>
    [...new Set(text.match(re) ?? [])].map((w) => {
      const at = text.indexOf(w);
      return `${w} «${text.slice(Math.max(0, at - 15), at + w.length + 15).replace(/\s+/g, ' ')}»`;
    });
  const keys = uniq(RAW_KEY);
  if (keys.length) out.push(`raw key ${keys.join(', ')}`);
  const ids = [...uniq(CAMEL), ...uniq(SNAKE)].filter((w) => !IDENTIFIER_ALLOWED.has(w.split(' ')[0]!));
  if (ids.length) out.push(`identifier ${ids.join(', ')}`);
  if (locale !== 'en') {
    const latin = uniq(LATIN_WORD).filter((w) => !LATIN_ALLOWED.has(w.split(' ')[0]!) && !IDENTIFIER_ALLOWED.has(w.split(' ')[0]!));
    if (latin.length) out.push(`English ${latin.join(', ')}`);
    const other = otherScriptChars(text, locale);
    if (other.length) out.push(`${locale === 'zh-CN' ? 'Traditional' : 'Simplified'} ${other.join('')}`);
  }
  return out;
}

/** Pages whose list is empty until asked: the walk opens them with a query, so their first row can be opened. */
const WALK_QUERY: Record<string, string> = { '/kb/search': '?q=服务' };

/**
 * The visible inputs, selects and textareas without an accessible name: no label (wrapping or `for`), no
 * aria-label, no aria-labelledby naming an element with text. A placeholder is not a name (it goes
 * when one types).
 */
async function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) {
      if (el.type === 'hidden' || el.closest('[hidden]')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      const byLabel = [...(el.labels ?? [])].some((l) => (l.textContent ?? '').trim() !== '');
      const byAria = (el.getAttribute('aria-label') ?? '').trim() !== '';
      const byIds = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).some((id) => id && (document.getElementById(id)?.textContent ?? '').trim() !== '');
      if (!byLabel && !byAria && !byIds) {
        const name = el.getAttribute('name') ?? el.getAttribute('data-testid') ?? el.getAttribute('placeholder') ?? '';
        out.push(`<${el.tagName.toLowerCase()}${el.type && el.tagName === 'INPUT' ? ` type=${el.type}` : ''}${name ? ` "${name}"` : ''}>`);
      }
    }
    return [...new Set(out)];
  });
}

/** Waits until no call is in flight for a moment and nothing says it is loading. */
function settler(page: Page) {
  let inflight = 0;
  let last = Date.now();
  page.on('request', () => {
    inflight++;
    last = Date.now();
  });
  const done = () => {
    inflight = Math.max(0, inflight - 1);
    last = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async () => {
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      await page.waitForTimeout(50);
      if (inflight === 0 && Date.now() - last > 150 && !(await page.isVisible('.loading'))) return;
    }
  };
}

/** Walks every page of every role in the given locales (and the agent's pages on a phone when asked). */
export async function walk(locales: readonly Locale[], phone: boolean): Promise<void> {
  const h = await startDemoHarness();
  const { page, url } = h;
  const problems: string[] = [];
  let where = 'sign-in';
  page.on('console', (m) => {
    // a failed call is reported by the response listener, with its method and path
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${where}: console error ${m.text().slice(0, 200)}`);
  });
  page.on('pageerror', (e) => problems.push(`${where}: page error ${e.message.slice(0, 200)}`));
  page.on('response', (r) => {
    // signed out, the app asks who is signed in and hears 401: that is how it knows to show the sign-in
    if (r.status() === 401 && where.endsWith('sign-in')) return;
    if (r.status() >= 400) problems.push(`${where}: ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  const settle = settler(page);
  const check = async (locale: Locale, at = where) => {
    for (const p of textProblems(await screenText(page, locale), locale)) problems.push(`${at}: ${p}`);
    const bare = await unlabelled(page);
    if (bare.length) problems.push(`${at}: control without a label ${bare.join(', ')}`);
  };
  const visit = async (path: string, locale: Locale) => {
    await page.evaluate((p) => (location.hash = p), `#${path}${WALK_QUERY[path] ?? ''}`);
    await settle();
    await check(locale);
  };
  /** Unfolds the page's folded sections, then opens the first of each kind of opener, checking after each. */
  const openDetails = async (locale: Locale) => {
    const t0 = Date.now();
    try {
      await unfoldAndOpen(locale);
    } finally {
      detailMs += Date.now() - t0;
    }
  };
  const unfoldAndOpen = async (locale: Locale) => {
    if (await page.evaluate(() => [...document.querySelectorAll('details:not([open])')].map((d) => ((d as HTMLDetailsElement).open = true)).length)) {
      await settle();
      await check(locale, `${where} (unfolded)`);
    }
    const kinds = await page.evaluate(() => [...new Set([...document.querySelectorAll('[data-opens]')].map((e) => e.getAttribute('data-opens')!))]);
    for (const kind of kinds) {
      const opener = page.locator(`[data-opens="${kind}"]:visible`).first();
      if (!(await opener.count())) continue;
      const at = `${where} › ${kind}`;
      const before = where;
      where = at; // calls made by the detail are reported under it
      await opener.click();
      await settle();
      await check(locale, at);
      opened++;
      where = before;
    }
  };
  let pages = 0;
  let opened = 0;
  let detailMs = 0;
  const started = Date.now();
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const [role, username] of WALKERS) {
      where = `${username} sign-in`;
      await signInUi(page, url, username, DEMO_PASSWORD);
      for (const locale of locales) {
        await page.evaluate((l) => localStorage.setItem('cf.locale', l), locale);
        await page.reload();
        await page.waitForSelector('.topbar');
        where = `${username} ${locale} /`;
        await visit('/', locale);
        for (const item of navItems.filter((n) => n.roles.includes(role))) {
          where = `${username} ${locale} ${item.path}`;
          await visit(item.path, locale);
          await openDetails(locale);
          pages++;
        }
      }
      // the team lead decides the request of their team that the demo leaves waiting (src/cli/demo/wfmRequests)
      if (role === 'team_lead') await leadGrantsWaiting(username, locales[locales.length - 1]!);
      where = `${username} sign-out`;
      await signOutUi(page);
    }
    // the phone: an agent's pages at 390 × 844, in Simplified Chinese
    if (phone) await walkPhone();
  } finally {
    await h.close();
  }
  console.log(
    `walked ${pages} pages in ${Math.round((Date.now() - started) / 1000)} s, opened ${opened} drawers / details (${Math.round(detailMs / 1000)} s of it)`,
  );
  assert.ok(pages > 30 * locales.length, `walked ${pages} pages`);
  // the drawers and details the walk opened: a page losing its marker shows up here as a lower count
  assert.ok(opened >= 20 * locales.length, `opened ${opened} drawers / details`);
  assert.deepEqual(problems, []);

  /**
   * On the time-off page, the lead grants the waiting request of their team the demo seeds (for the week after
   * next, not yet published); the row then shows it granted by a person, and so does the stored request.
   */
  async function leadGrantsWaiting(username: string, locale: Locale) {
    where = `${username} ${locale} /wfm/time-off (grant)`;
    const db = h.store.db;
    const userId = h.demo.userIds.get(username)!;
    const teamIds = (await db.selectFrom('teams').select('id').where('lead_user_id', '=', userId).execute()).map((x) => x.id);
    const waiting = await db
      .selectFrom('wfm_time_off')
      .innerJoin('agents', 'agents.id', 'wfm_time_off.agent_id')
      .select(['wfm_time_off.id'])
      .where('wfm_time_off.status', '=', 'pending')
      .where('agents.team_id', 'in', teamIds.length ? teamIds : [-1])
      .execute();
    assert.ok(waiting.length >= 1, `the demo leaves a time-off request waiting for ${username}`);
    const id = waiting[0]!.id;
    await page.evaluate(() => (location.hash = '#/wfm/time-off'));
    await settle();
    const row = page.locator(`[data-testid=timeoff-row-${id}]`);
    const words = timeOffMessages[locale].timeOff as Record<string, string>;
    assert.match((await row.textContent()) ?? '', new RegExp(words.status_pending!));
    await page.click(`[data-testid=timeoff-approve-${id}]`);
    // the list is asked again after the answer: wait for the row to change before reading it
    await row.filter({ hasText: words.status_approved! }).waitFor({ timeout: 10_000 });
    assert.match((await row.textContent()) ?? '', new RegExp(`${words.status_approved}.*${words.how_person}`));
    assert.equal(await page.locator(`[data-testid=timeoff-approve-${id}]`).count(), 0, 'no approve button on a granted request');
    const stored = await db.selectFrom('wfm_time_off').select(['status', 'decided_how']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { status: 'approved', decided_how: 'person' });
    await check(locale);
  }

  async function walkPhone() {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInUi(page, url, 'agent1', DEMO_PASSWORD);
    await page.evaluate(() => localStorage.setItem('cf.locale', 'zh-CN'));
    await page.reload();
    for (const item of navItems.filter((n) => n.roles.includes('agent'))) {
      where = `agent1 phone ${item.path}`;
      await visit(item.path, 'zh-CN');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > 390 + 1) problems.push(`${where}: ${wide} px wide on a 390 px screen`);
    }
  }
}
