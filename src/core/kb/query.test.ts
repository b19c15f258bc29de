import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fts5Quote, matches, matchesParts, parseQuery, pgLexeme, toFts5Match, toPlan, toTsquery, type KbQuery } from './query';
import { normaliseString } from './text';
import { CORPUS, QUERIES } from './testCorpus';

function q(s: string, synonyms?: string[][]): KbQuery {
  const r = parseQuery(s, synonyms ? { synonyms } : {});
  assert.ok(r.ok, `parse failed: ${s}`);
  return r.query;
}

test('one CJK character → unigram; two or more → phrase of bigrams', () => {
  assert.deepEqual(q('率').terms[0]!.alternatives[0]!.pieces, [{ kind: 'char', text: '率' }]);
  assert.deepEqual(q('業務部門').terms[0]!.alternatives[0]!.pieces, [{ kind: 'phrase', text: '业务部门', bigrams: ['业务', '务部', '部门'] }]);
  assert.deepEqual(toPlan(q('业务部门')), {
    op: 'piece',
    table: 'bi',
    fts5: '"业务 务部 部门"',
    tsquery: "'业务' <-> '务部' <-> '部门'",
    piece: { kind: 'phrase', text: '业务部门', bigrams: ['业务', '务部', '部门'] },
  });
  const p = toPlan(q('率'));
  assert.equal(p.op === 'piece' && p.table, 'uni');
});

test('spaces mean AND; punctuation inside a term splits pieces; Latin words', () => {
  const query = q('SIP-Trunk  故障　处理');
  assert.equal(query.terms.length, 3); // ideographic space separates too
  assert.deepEqual(query.terms[0]!.alternatives[0]!.pieces, [
    { kind: 'word', text: 'sip' },
    { kind: 'word', text: 'trunk' },
  ]);
  assert.equal(toTsquery(query), "('sip' & 'trunk') & '故障' & '处理'");
  assert.equal(toFts5Match(query, 'uni'), '("sip" AND "trunk")');
  assert.equal(toFts5Match(query, 'bi'), '"故障" AND "处理"');
});

test('synonyms expand into OR groups, also inside longer terms and from Traditional', () => {
  const query = q('疑難坐席');
  assert.deepEqual(
    query.terms[0]!.alternatives.map((a) => a.text),
    ['疑难坐席', '疑难座席'],
  );
  assert.equal(toTsquery(query), "('疑难' <-> '难坐' <-> '坐席' | '疑难' <-> '难座' <-> '座席')");
  assert.equal(toTsquery(q('反馈')), "('反馈' | '回馈')");
  assert.equal(toFts5Match(q('回饋'), 'bi'), '("回馈" OR "反馈")');
  // the table is data
  assert.equal(q('班长', [['班长', '组长']]).terms[0]!.alternatives.length, 2);
  assert.equal(q('反馈', []).terms[0]!.alternatives.length, 1);
});

test('clear errors: empty, only punctuation, a term too long', () => {
  const e1 = parseQuery('   ');
  assert.ok(!e1.ok && e1.error.code === 'empty');
  const e2 = parseQuery('。，！？ ... ——');
  assert.ok(!e2.ok && e2.error.code === 'no_searchable_text');
  assert.match(!e2.ok ? e2.error.message : '', /only punctuation/);
  const e3 = parseQuery('字'.repeat(102));
  assert.ok(!e3.ok && e3.error.code === 'term_too_long');
  // the figures a translated message names: the term and the longest piece (101 characters pass, 102 do not)
  assert.deepEqual(!e3.ok && e3.error.params, { term: '字'.repeat(102), maximum: 101 });
  assert.ok(parseQuery('字'.repeat(101)).ok);
  const e4 = parseQuery(Array.from({ length: 17 }, (_, i) => `词${i}`).join(' '));
  assert.deepEqual(!e4.ok && [e4.error.code, e4.error.params], ['too_many_terms', { maximum: 16 }]);
  // punctuation-only terms next to real ones are just dropped
  assert.equal(q('！！ 派工').terms.length, 1);
});

test('quoting: FTS5 doubles double quotes, tsquery doubles single quotes and escapes backslashes', () => {
  assert.equal(fts5Quote('a"b'), '"a""b"');
  assert.equal(pgLexeme("it's\\x"), "'it''s\\\\x'");
});

test('matches: substrings for CJK, whole words for Latin', () => {
  assert.ok(matches(normaliseString('值班長'), q('班长')));
  assert.ok(matches('sip中继', q('sip')));
  assert.ok(!matches('sipx', q('sip')));
  assert.ok(!matches('业务。务部', q('业务部')));
  assert.ok(matches('2012年', q('2012年')));
});

test('corpus: matches() agrees with the hand-worked expected hits', () => {
  for (const { q: text, expected } of QUERIES) {
    const query = q(text);
    const got = CORPUS.filter((a) => matches(normaliseString(a.title + '\n' + a.body), query)).map((a) => a.id);
    assert.deepEqual(got, expected, `query ${text}`);
  }
});

test('matchesParts: pieces may lie in the title or the body, words keep their boundaries', () => {
  const q = (s: string) => {
    const r = parseQuery(s);
    assert.ok(r.ok);
    return r.query;
  };
  assert.equal(matchesParts(['后处理说明', '坐席规范'], q('后处理 坐席')), true);
  assert.equal(matchesParts(['后处', '理'], q('后处理')), false); // a phrase does not span title and body
  assert.equal(matchesParts(['x', 'sipx 中继'], q('sip')), false);
  assert.equal(matchesParts(['x', 'sip 中继'], q('SIP')), true);
});
