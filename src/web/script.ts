import type { Locale } from './i18n/types';
import { T2CN_MARKS } from './t2cnMarks';

/**
 * Text on screen in the user's script (issue 14). The messages are written in each script already;
 * what is not is user data: the demo's seeded names and texts (Simplified), names typed by a planner in
 * Taipei (Traditional)… Like Chinese Wikipedia's variant conversion, a Chinese screen converts every
 * text it shows to its script with OpenCC: zh-TW Simplified → Traditional (Taiwan standard), zh-CN the
 * reverse; English screens show data as stored. What is stored never changes, inputs and editors keep
 * what the user types (only text nodes outside them are converted), and `translate="no"` or a `lang`
 * of the other script opt an element out (a language's own name in the picker). The converter
 * (t2cn 0.1 MB, cn2t 1.1 MB) is loaded only by a screen in that locale, on a zh-CN screen only once a text
 * may need it (t2cnMayChange).
 */
let observer: MutationObserver | null = null;
/** The converter of the screen's script (null on an English screen or before it is loaded). */
let current: ((s: string) => string) | null = null;
/** On a zh-CN screen whose texts needed no converter yet: loads it. */
let startConverting: (() => Promise<void>) | null = null;

/**
 * Whether OpenCC's zh-CN converter could change a text: a word it changes holds one of T2CN_MARKS
 * (scripts/t2cn-marks.mjs), so a text without any is left as it is (issue 16: building the converter took
 * 0.1 s of the main thread while the wallboard's first tiles waited; zh-CN screens rarely show Traditional text).
 */
const T2CN_MAY_CHANGE = new RegExp(`[${T2CN_MARKS}]`, 'u');
export const t2cnMayChange = (s: string): boolean => T2CN_MAY_CHANGE.test(s);

/** A text in the screen's script, as the screen shows it: for what leaves the page (an exported file). */
export const inScreenScript = (s: string): string => (current && /\p{Script=Han}/u.test(s) ? current(s) : s);

/** Loads the screen's converter if one of these texts (about to leave the page, see inScreenScript) needs it. */
export async function readyForScript(texts: readonly string[]): Promise<void> {
  if (startConverting && texts.some(t2cnMayChange)) await startConverting();
}
let generation = 0;

const SKIP = 'textarea, script, style, [contenteditable], [translate="no"], [lang]:not([lang^="zh"])';
const OTHER_LANG = { 'zh-CN': '[lang="zh-TW"]', 'zh-TW': '[lang="zh-CN"]' } as const;
/** Whether a text node the converter would convert (not opted out, see SKIP) may be changed by the zh-CN converter. */
const convertible = (n: Text, otherLang: string) => {
  const p = n.parentElement;
  return !!p && !p.closest(SKIP) && !p.closest(otherLang);
};
function mayChange(root: Node, otherLang: string): boolean {
  if (root.nodeType === Node.TEXT_NODE) return t2cnMayChange(root.nodeValue ?? '') && convertible(root as Text, otherLang);
  if (!t2cnMayChange(root.textContent ?? '')) return false;
  const it = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = it.nextNode(); n; n = it.nextNode()) if (t2cnMayChange(n.nodeValue ?? '') && convertible(n as Text, otherLang)) return true;
  return false;
}

export async function applyScript(locale: Locale): Promise<void> {
  const mine = ++generation;
  observer?.disconnect();
  observer = null;
  current = null;
  startConverting = null;
  if (locale === 'en' || typeof document === 'undefined') return;
  if (locale === 'zh-CN') {
    // the converter is loaded once a text on screen (or one leaving it) may need it, not before
    let started: Promise<void> | null = null;
    const start = (startConverting = () => (started ??= convertScreen(locale, mine)));
    if (mayChange(document.body, OTHER_LANG[locale])) return start();
    observer = new MutationObserver((records) => {
      for (const r of records)
        if (r.type === 'characterData' ? mayChange(r.target, OTHER_LANG[locale]) : [...r.addedNodes].some((n) => mayChange(n, OTHER_LANG[locale]))) {
          observer?.disconnect();
          observer = null;
          void start();
          return;
        }
    });
    observer.observe(document.body, { childList: true, characterData: true, subtree: true });
    return;
  }
  return convertScreen(locale, mine);
}

async function convertScreen(locale: 'zh-CN' | 'zh-TW', mine: number): Promise<void> {
  const OpenCC = locale === 'zh-TW' ? await import('opencc-js/cn2t') : await import('opencc-js/t2cn');
  if (mine !== generation) return; // the user switched again meanwhile
  startConverting = null;
  observer?.disconnect();
  const convert = locale === 'zh-TW' ? OpenCC.Converter({ from: 'cn', to: 'tw' }) : OpenCC.Converter({ from: 'tw', to: 'cn' });
  current = convert;
  const otherLang = OTHER_LANG[locale];
  const done = new Map<string, string>();
  const han = /\p{Script=Han}/u;
  const fix = (n: Text) => {
    const v = n.nodeValue;
    if (!v || !han.test(v)) return;
    if (!convertible(n, otherLang)) return;
    let out = done.get(v);
    if (out === undefined) {
      out = convert(v);
      if (done.size > 20_000) done.clear();
      done.set(v, out);
    }
    if (out !== v) n.nodeValue = out;
  };
  const walk = (root: Node) => {
    if (root.nodeType === Node.TEXT_NODE) return fix(root as Text);
    const it = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = it.nextNode(); n; n = it.nextNode()) fix(n as Text);
  };
  walk(document.body);
  observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') fix(r.target as Text);
      else r.addedNodes.forEach(walk);
    }
  });
  observer.observe(document.body, { childList: true, characterData: true, subtree: true });
}
