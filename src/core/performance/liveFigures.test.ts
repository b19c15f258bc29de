import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liveFigures } from './liveFigures';

test('live figures: ratios with parts; a zero denominator is missing', () => {
  // 10 calls, talk 1500 s, hold 100, acw 400 → aht 2000/10 = 200; 2 transfers → 0.2
  // staffed 3600, notReady 600, ring 100 → occupancy (1500+100+400+100)/(3600-600) = 2100/3000 = 0.7
  const f = liveFigures({ talk: 1500, hold: 100, acw: 400, ring: 100, staffed: 3600, notReady: 600, idle: 900, handled: 10, transferred: 2 });
  assert.deepEqual(f, [
    { kpi: 'aht', value: 200, numerator: 2000, denominator: 10 },
    { kpi: 'transferRate', value: 0.2, numerator: 2, denominator: 10 },
    { kpi: 'occupancy', value: 0.7, numerator: 2100, denominator: 3000 },
    { kpi: 'notReadyShare', value: 600 / 3600, numerator: 600, denominator: 3600 },
    { kpi: 'idleShare', value: 0.25, numerator: 900, denominator: 3600 },
  ]);
  // staffed but no call handled: no aht / transferRate (missing, not 0)
  const g = liveFigures({ talk: 0, hold: 0, acw: 0, ring: 0, staffed: 1000, notReady: 1000, idle: 0, handled: 0, transferred: 0 });
  assert.deepEqual(
    g.map((x) => x.kpi),
    ['notReadyShare', 'idleShare'],
  );
});
