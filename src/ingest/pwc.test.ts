import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePwc } from './pwc';
import { aggregateEvents, sumMeasures } from '../core/kpi';
import { unionSeconds } from './testUtil';
import { sharedData } from '../../test/sharedData';

const PWC = sharedData('pwc_call_center/Call-Center-Dataset.csv');

test('PwC call centre: totals counted from the raw CSV and through the KPI aggregation', (ctx) => {
  if (PWC.skip(ctx)) return;
  const text = PWC.read();
  // independent tally with a regex per row: ...,Answered,Resolved,Speed,Talk,Rating at the end
  const rows = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .slice(1)
    .filter(Boolean);
  assert.equal(rows.length, 5000);
  const re = /^(ID\d+),([^,]*),(\d{4}-\d\d-\d\d),(\d+:\d\d:\d\d),[^,]*,([YN]),[YN],(\d*),(\d*:?\d*:?\d*),\d*\r?$/;
  const m = rows.map((l) => re.exec(l));
  assert.ok(m.every(Boolean), 'every row matches the layout');
  const ans = m.filter((x) => x![5] === 'Y');
  const speed = ans.map((x) => Number(x![6]));
  const expected = {
    offered: rows.length,
    answered: ans.length,
    abandoned: rows.length - ans.length,
    shortAbandoned: 0,
    answeredWithinSl: speed.filter((s) => s <= 20).length,
    waitAnswered: speed.reduce((a, b) => a + b, 0),
    handled: ans.length,
  };
  const res = parsePwc(text);
  assert.deepEqual(res.rejects, []);
  const agg = aggregateEvents(res.events);
  const t = sumMeasures(agg.queues);
  for (const [k, v] of Object.entries(expected)) assert.equal(t[k as keyof typeof expected], v, k);
  // talk = union per agent of [arrival + speed, + talk duration)
  const hms = (s: string) => s.split(':').reduce((a, x) => a * 60 + Number(x), 0);
  const talk = unionSeconds(
    ans.map((x) => {
      const from = Date.parse(`${x![3]}T00:00:00Z`) / 1000 + hms(x![4]!) + Number(x![6]);
      return { key: x![2]!, from, to: from + hms(x![7]!) };
    }),
  );
  assert.equal(sumMeasures(agg.agents).talk, talk);
  // agents: 8 in the data set
  assert.equal(new Set(agg.agents.map((r) => r.agent)).size, 8);
});

test('PwC: unanswered rows can be counted as short abandons instead', () => {
  const r = parsePwc(
    'Call Id,Agent,Date,Time,Topic,Answered (Y/N),Resolved,Speed of answer in seconds,AvgTalkDuration,Satisfaction rating\nID1,Jim,2021-01-01,9:00:00,Streaming,N,N,,,\n',
    {
      abandonWaitS: 0,
    },
  );
  const q = sumMeasures(aggregateEvents(r.events).queues);
  assert.deepEqual([q.offered, q.abandoned, q.shortAbandoned], [1, 0, 1]);
});
