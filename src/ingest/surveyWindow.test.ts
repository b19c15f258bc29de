/** Survey answers pass the same event time window as every other import (core/live/eventWindow). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_EVENT_WINDOW, timeWindow } from '../core/live/eventWindow';
import { parseText } from './import';

test('survey-csv: a row outside the time window is rejected with its line, field, reason code and params; the others go on', () => {
  const now = Date.UTC(2026, 10, 2, 12);
  const window = timeWindow(DEFAULT_EVENT_WINDOW, now);
  const text = ['time,agent,score', '2026-11-02T08:00:00Z,A001,5', '2026-11-05T08:00:00Z,A001,4', `${Date.UTC(2026, 10, 2, 9) * 1000},A002,3`].join('\n');
  const { result } = parseText('survey-csv', text, { window });
  assert.deepEqual(
    result.events.map((e) => [e.agent, e.ts]),
    [['A001', Date.UTC(2026, 10, 2, 8)]],
  );
  assert.deepEqual(
    result.rejects.map((r) => [r.line, r.field, r.code, r.params?.line, r.params?.field]),
    [
      [3, 'time', 'event.tsInFuture', 3, 'time'],
      [4, 'time', 'event.tsUnit', 4, 'time'],
    ],
  );
  // without a window (a direct caller) only the schema's 2100 ceiling applies: the future row parses, the µs one does not
  assert.deepEqual(
    parseText('survey-csv', text, {}).result.events.map((e) => e.ts),
    [Date.UTC(2026, 10, 2, 8), Date.UTC(2026, 10, 5, 8)],
  );
});
