import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, type KbQuery } from './query';
import { compareHits, highlight, rank, snippet, type RankInput } from './rank';
import { indexArticle, FTS5_BREAK } from './indexing';

function q(s: string): KbQuery {
  const r = parseQuery(s);
  assert.ok(r.ok);
  return r.query;
}
const base = { updatedAt: '2026-01-01T00:00:00Z', views: 0, helpfulVotes: 0 };

test('rank: title hit beats more body hits; then occurrences, freshness, views, votes, id', () => {
  const arts: RankInput[] = [
    { ...base, id: 'body3', title: '其他', body: '派工派工派工' },
    { ...base, id: 'title1', title: '派工说明', body: '无' },
    { ...base, id: 'body2-old', title: '其他', body: '派工 派工' },
    { ...base, id: 'body2-new', title: '其他', body: '派工 派工', updatedAt: '2026-02-01T00:00:00Z' },
    { ...base, id: 'body1-views', title: '其他', body: '派工', views: 5 },
    { ...base, id: 'body1-votes', title: '其他', body: '派工', helpfulVotes: 5 },
    { ...base, id: 'body1-b', title: '其他', body: '派工' },
    { ...base, id: 'body1-a', title: '其他', body: '派工' },
  ];
  assert.deepEqual(
    rank(arts, q('派工')).map((h) => h.id),
    ['title1', 'body3', 'body2-new', 'body2-old', 'body1-views', 'body1-votes', 'body1-a', 'body1-b'],
  );
  const h = rank(arts, q('派工'))[1]!;
  assert.deepEqual([h.titleHits, h.bodyHits], [0, 3]);
  assert.equal(compareHits(h, h), 0);
});

test('rank counts Traditional text against a Simplified query', () => {
  const r = rank([{ ...base, id: 'x', title: '後處理', body: '後處理與后处理' }], q('后处理'));
  assert.deepEqual([r[0]!.titleHits, r[0]!.bodyHits], [1, 2]);
});

test('highlight returns segments of the ORIGINAL text', () => {
  assert.deepEqual(highlight('坐席後處理時長', q('后处理')), [
    { text: '坐席', hit: false },
    { text: '後處理', hit: true },
    { text: '時長', hit: false },
  ]);
  // both alternatives of a synonym group and every term are highlighted; overlaps merge
  assert.deepEqual(highlight('坐席與座席', q('座席')), [
    { text: '坐席', hit: true },
    { text: '與', hit: false },
    { text: '座席', hit: true },
  ]);
  assert.deepEqual(highlight('疑难座席', q('疑难 难座')), [
    { text: '疑难座', hit: true },
    { text: '席', hit: false },
  ]);
  // offsets through a length-changing normalisation: ½ becomes 3 units, Ｓ becomes s
  assert.deepEqual(highlight('½杯ＳＩＰ水', q('杯 sip')), [
    { text: '½', hit: false },
    { text: '杯ＳＩＰ', hit: true },
    { text: '水', hit: false },
  ]);
  // words respect boundaries
  assert.deepEqual(highlight('sipx sip', q('sip')), [
    { text: 'sipx ', hit: false },
    { text: 'sip', hit: true },
  ]);
});

test('snippet: a window around the first hit, joined segments are the original slice', () => {
  const body = '甲'.repeat(100) + '派工' + '乙'.repeat(200);
  const s = snippet(body, q('派工'), { before: 10, length: 40 });
  assert.equal(s.segments.map((x) => x.text).join(''), '甲'.repeat(10) + '派工' + '乙'.repeat(28));
  assert.deepEqual([s.cutStart, s.cutEnd], [true, true]);
  const none = snippet('短文', q('派工'));
  assert.deepEqual(none, { segments: [{ text: '短文', hit: false }], cutStart: false, cutEnd: false });
});

test('indexArticle: FTS5 texts and tsvector literals for the two streams', () => {
  const [p] = indexArticle('業務', '部門 sip');
  assert.equal(p!.fts5Uni, '业 务 部 门 sip');
  assert.equal(p!.fts5Bi, `业务 ${FTS5_BREAK} 部门 ${FTS5_BREAK} sip`);
  assert.equal(p!.tsvUni, "'业' '务' '部' '门' 'sip'");
  // 业务@2 | 部门@4 | sip@6
  assert.equal(p!.tsvBi, "'业务':2 '部门':4 'sip':6");
});
