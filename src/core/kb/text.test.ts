import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalise, normaliseString, splitPassages, tokenise, toOriginalRange, runs } from './text';

test('Traditional folds to Simplified per character, never by phrase', () => {
  assert.equal(normaliseString('後處理'), '后处理');
  assert.equal(normaliseString('疑難座席'), '疑难座席');
  assert.equal(normaliseString('回饋'), '回馈');
  assert.equal(normaliseString('值班長'), '值班长');
  // phrase mode would turn 呼叫中心 into 调用中心
  assert.equal(normaliseString('呼叫中心'), '呼叫中心');
  assert.equal(normaliseString('呼叫中心調用'), '呼叫中心调用');
});

test('NFKC and lower-case: full-width Latin becomes ASCII lower case', () => {
  assert.equal(normaliseString('ＡＢＣ１２３'), 'abc123');
  assert.equal(normaliseString('SIP Trunk'), 'sip trunk');
});

test('length-preserving text keeps the identity map', () => {
  const n = normalise('後處理時長');
  assert.equal(n.text.length, 5);
  assert.equal(n.starts, null);
  assert.deepEqual(toOriginalRange(n, 1, 3), [1, 3]);
});

test('length-changing NFKC keeps an offset map back to the original', () => {
  // '½' (1 unit) → '1⁄2' (3 units); 'ﬁ' (1) → 'fi' (2)
  const n = normalise('½杯ﬁx');
  assert.equal(n.text, '1⁄2杯fix');
  assert.notEqual(n.starts, null);
  assert.deepEqual(toOriginalRange(n, 3, 4), [1, 2]); // 杯
  assert.deepEqual(toOriginalRange(n, 0, 1), [0, 1]); // part of ½ widens to ½
  assert.deepEqual(toOriginalRange(n, 4, 7), [2, 4]); // 'fix' ← 'ﬁx'
  // decomposed e + combining acute is one chunk: NFKC composes it to é
  const d = normalise('cafe\u0301!');
  assert.equal(d.text, 'café!');
  assert.deepEqual(toOriginalRange(d, 3, 4), [3, 5]);
  assert.deepEqual(toOriginalRange(d, 4, 5), [5, 6]);
});

test('lower-casing that grows (İ → i̇) is mapped too', () => {
  const n = normalise('İ班');
  assert.equal(n.text.length, 3);
  assert.deepEqual(toOriginalRange(n, 2, 3), [1, 2]);
});

test('runs split CJK from Latin/digits and drop punctuation', () => {
  assert.deepEqual(
    runs('业务部门,sip中继 2012年').map((r) => [r.kind, r.text, r.start, r.end]),
    [
      ['cjk', '业务部门', 0, 4],
      ['word', 'sip', 5, 8],
      ['cjk', '中继', 8, 10],
      ['word', '2012', 11, 15],
      ['cjk', '年', 15, 16],
    ],
  );
});

test('tokenise: unigrams, bigrams with a position gap at every run boundary', () => {
  const s = tokenise('业务部门,sip中继');
  assert.deepEqual(
    s.unigrams.map((t) => t.token),
    ['业', '务', '部', '门', 'sip', '中', '继'],
  );
  assert.deepEqual(
    s.bigrams.map((t) => [t.token, t.pos]),
    [
      ['业务', 2],
      ['务部', 3],
      ['部门', 4],
      ['sip', 6],
      ['中继', 8],
    ],
  );
  // a single CJK character forms no bigram; an astral character is one token
  assert.deepEqual(tokenise('好').bigrams, []);
  assert.deepEqual(
    tokenise('𠮷野').unigrams.map((t) => t.token),
    ['𠮷', '野'],
  );
  assert.deepEqual(
    tokenise('𠮷野').bigrams.map((t) => t.token),
    ['𠮷野'],
  );
});

test('passages: sentence ends preferred, overlap keeps every short substring whole', () => {
  const sentence = '这是一个用于测试的句子。'; // 12 chars
  const text = sentence.repeat(300); // 3600 chars
  const ps = splitPassages(text, { targetChars: 1500, sentenceWindow: 300, overlap: 100 });
  assert.ok(ps.length >= 3);
  for (const p of ps) {
    assert.ok(p.end - p.start <= 1500);
    assert.equal(p.text, text.slice(p.start, p.end));
  }
  // cut right after a 。: 1500 is a multiple of 12, so the first cut is exactly there
  assert.equal(ps[0]!.end, 1500);
  for (let k = 0; k + 1 < ps.length; k++) assert.ok(ps[k]!.end - ps[k + 1]!.start >= 100);
  assert.equal(ps[0]!.start, 0);
  assert.equal(ps[ps.length - 1]!.end, text.length);
  // every 101-char window lies inside some passage
  for (let i = 0; i + 101 <= text.length; i += 7) assert.ok(ps.some((p) => p.start <= i && i + 101 <= p.end));
});

test('passages never cut inside a Latin word', () => {
  const text = '字'.repeat(1490) + 'abcdefghijklmnopqrst' + '字'.repeat(600);
  const ps = splitPassages(text);
  assert.equal(ps[0]!.end, 1490); // before the word, not at 1500 inside it
  for (const p of ps) {
    const before = text[p.start - 1] ?? '';
    assert.ok(!(/[a-z]/.test(before) && /[a-z]/.test(text[p.start]!)), `start ${p.start} inside a word`);
  }
});

test('short text is one passage', () => {
  assert.deepEqual(splitPassages('短文'), [{ seq: 0, start: 0, end: 2, text: '短文' }]);
});

test('normalise: the per-unit fast path gives exactly the chunk-by-chunk result', async () => {
  const { normalise, normaliseChunks } = await import('./text');
  for (const s of ['後處理時長', '燃气费ABC１２３', 'e\u0301té', '\u0301開頭', '½ﬁ', 'İstanbul', '𠮷野家', '\ud800孤', '']) {
    const a = normalise(s);
    const b = normaliseChunks(s);
    assert.deepEqual([a.text, a.starts && [...a.starts], a.ends && [...a.ends]], [b.text, b.starts && [...b.starts], b.ends && [...b.ends]], JSON.stringify(s));
  }
  assert.equal(normalise('後處理').text, '后处理');
});
