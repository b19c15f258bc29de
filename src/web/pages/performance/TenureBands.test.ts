import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandEnd } from './TenureBands';

test("a tenure band runs to the month before the next band's start; the last one is open-ended, whatever the row order", () => {
  const bands = [
    { minTenureMonths: 12, target: 150 },
    { minTenureMonths: 0, target: 170 },
    { minTenureMonths: 6, target: 160 },
  ];
  assert.deepEqual(
    bands.map((_, i) => bandEnd(bands, i)),
    [null, 5, 11],
  );
  assert.equal(bandEnd([{ minTenureMonths: 0, target: null }], 0), null);
});
