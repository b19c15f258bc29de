/**
 * Which characters of a text belong to the other Chinese script (tests only: the parity test checks the
 * messages, the browser walk the screens). Character by character, so no phrase rule fires: a character
 * OpenCC changes is of the other script.
 */
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
// characters OpenCC maps although both scripts write them so in these words: 怎么 (Simplified); 平台, 阿里, 核准, 占比,
// and 杰 in given names (周杰倫), as written in Taiwan
export const BOTH_SCRIPTS = { 'zh-CN': new Set(['么']), 'zh-TW': new Set(['台', '里', '准', '占', '杰']) };

/** The distinct characters of `text` that are not written so in `locale`'s script. */
export function otherScriptChars(text: string, locale: 'zh-CN' | 'zh-TW'): string[] {
  const convert = locale === 'zh-CN' ? toSimplified : toTraditional;
  const allowed = BOTH_SCRIPTS[locale];
  return [...new Set([...text].filter((ch) => /\p{Script=Han}/u.test(ch) && !allowed.has(ch) && convert(ch) !== ch))];
}
