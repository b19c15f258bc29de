/**
 * The zh-CN screen loads OpenCC's converter only once a text may need it (issue 16): t2cnMayChange must say yes
 * to every text the converter changes. Checked against the converter itself, word by word of its dictionaries
 * and on every zh-CN message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as T2cn from 'opencc-js/t2cn';
import { t2cnMayChange } from './script';
import { T2CN_MARKS } from './t2cnMarks';
import { t2cnMarks, t2cnWords } from '../../scripts/t2cn-marks.mjs';
import { platformMessages } from './i18n/platform';
import { liveMessages } from './i18n/live';
import { peopleMessages } from './i18n/people';
import { wfmMessages } from './i18n/wfm';

const convert = T2cn.Converter({ from: 'tw', to: 'cn' });
type Tree = { [k: string]: string | Tree };
const texts = (t: Tree): string[] => Object.values(t).flatMap((v) => (typeof v === 'string' ? [v] : texts(v)));

test('src/web/t2cnMarks.ts is what scripts/t2cn-marks.mjs makes of the installed opencc-js', () => {
  assert.equal(T2CN_MARKS, t2cnMarks());
});

test('every word the zh-CN converter changes is seen as one it may change, alone and inside a text', () => {
  const words: string[] = t2cnWords();
  // each word alone and between the characters that most often begin and end a word of the dictionaries
  const changed = words.flatMap((w) => [w, `一${w}`, `${w}的`, `上${w}了`]).filter((w) => convert(w) !== w);
  assert.ok(changed.length > 3000, `${changed.length} words`);
  assert.deepEqual(
    changed.filter((w) => !t2cnMayChange(w)),
    [],
  );
  // and a word the converter leaves as it is needs no converter (核 → 覈 → 核, 上梁 → 上樑 → 上梁)
  for (const s of ['审核', '高峰', '上梁']) assert.equal(convert(s), s);
  assert.equal(['审核', '高峰'].some(t2cnMayChange), false);
  // Traditional names and words as a planner in Taipei types them
  for (const s of ['陳美華', '軟體', '資訊', '周杰倫', '請假單']) assert.equal(t2cnMayChange(s), true, s);
});

test('a text with no mark is left as it is by the converter (every zh-CN message, and Simplified names)', () => {
  const all = [platformMessages, liveMessages, peopleMessages, wfmMessages].flatMap((m) => texts(m['zh-CN'] as Tree));
  all.push('张三', '李四', '王小明', '夜班组', '坐席', '话后处理');
  const unmarked = all.filter((s) => !t2cnMayChange(s));
  assert.ok(unmarked.length > 500, `${unmarked.length} texts`);
  assert.deepEqual(
    unmarked.filter((s) => convert(s) !== s),
    [],
  );
  // and the wallboard's words need no converter at all
  assert.deepEqual(texts(liveMessages['zh-CN'] as Tree).filter(t2cnMayChange), []);
});
