import type { Locale } from './i18n/types';

/**
 * Text on screen in the user's script (issue 14). The messages are written in each script already;
 * what is not is user data: the demo's seeded names and texts (Simplified), names typed by a planner in
 * Taipei (Traditional)… Like Chinese Wikipedia's variant conversion, a Chinese screen converts every
 * text it shows to its script with OpenCC: zh-TW Simplified → Traditional (Taiwan standard), zh-CN the
 * reverse; English screens show data as stored. What is stored never changes, inputs and editors keep
 * what the user types (only text nodes outside them are converted), and `translate="no"` or a `lang`
 * of the other script opt an element out (a language's own name in the picker). The converter
 * (t2cn 0.1 MB, cn2t 1.1 MB) is loaded only by a screen in that locale.
 */
let observer: MutationObserver | null = null;
/** The converter of the screen's script (null on an English screen or before it is loaded). */
let current: ((s: string) => string) | null = null;

/** A text in the screen's script, as the screen shows it: for what leaves the page (an exported file). */
export const inScreenScript = (s: string): string => (current && /\p{Script=Han}/u.test(s) ? current(s) : s);
let generation = 0;

const SKIP = 'textarea, script, style, [contenteditable], [translate="no"], [lang]:not([lang^="zh"])';

export async function applyScript(locale: Locale): Promise<void> {
  const mine = ++generation;
  observer?.disconnect();
  observer = null;
  current = null;
  if (locale === 'en' || typeof document === 'undefined') return;
  const OpenCC = locale === 'zh-TW' ? await import('opencc-js/cn2t') : await import('opencc-js/t2cn');
  if (mine !== generation) return; // the user switched again meanwhile
  const convert = locale === 'zh-TW' ? OpenCC.Converter({ from: 'cn', to: 'tw' }) : OpenCC.Converter({ from: 'tw', to: 'cn' });
  current = convert;
  const otherLang = locale === 'zh-TW' ? '[lang="zh-CN"]' : '[lang="zh-TW"]';
  const done = new Map<string, string>();
  const han = /\p{Script=Han}/u;
  const fix = (n: Text) => {
    const v = n.nodeValue;
    if (!v || !han.test(v)) return;
    const p = n.parentElement;
    if (!p || p.closest(SKIP) || p.closest(otherLang)) return;
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
