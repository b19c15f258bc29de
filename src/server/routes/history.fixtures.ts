/**
 * The small world of the History tests (API and browser): October and November 2026 of team A's a1
 * (A001) and a2 (A002), Shanghai time, and the hand sums the tests expect. Not a test file: imported
 * by src/server/routes/history.test.ts and e2e/history.test.ts.
 *
 * November (weeks of Mon 2026-11-02 and Mon 2026-11-09):
 * - 11-02 a1 09:00–10:00: c1 rings 09:00:00–09:00:10, talk to 09:50:10 (3000 s), acw to 09:55:10 (300 s),
 *   then idle 290 s. c2, c3 abandoned after 30 s at 09:10, 09:11.
 * - 11-04 a2 09:00–10:00: break 09:00–09:30 (1800 s), c5 rings 09:30:00–09:30:10, talk to 09:59:10
 *   (1740 s), acw to 10:00 (50 s). c4 abandoned after 30 s at 09:40.
 * - 11-09 c6 abandoned after 30 s at 09:00 (the second week: offered 1).
 * October: 10-15 a2 09:00–10:00 with a 300 s break from 09:55 (notReady share 1/12).
 */
import type { CallFloorEvent } from '../../core/events';
import type { Store } from '../../store/db';
import { storeEvents } from '../../store/live/ingest';
import { at, eventMakers } from './facts.fixtures';

export const NOV = { d1: '2026-11-02', d2: '2026-11-04', d3: '2026-11-09' };

export async function seedHistory(store: Store, centerId: number) {
  const { ev, call } = eventMakers();
  const a2 = { agent: 'A002' };
  const abandoned = (d: string, hms: string, id: string, offS = 30): CallFloorEvent[] => {
    const t = at(d, hms);
    return [call(d, hms, 'call.enqueued', id), { ...call(d, hms, 'call.abandoned', id), ts: t + offS * 1000, waitS: offS }];
  };
  const { d1, d2, d3 } = NOV;
  await storeEvents(
    store,
    [
      ev(d1, '09:00', 'agent.login'),
      call(d1, '09:00:00', 'call.enqueued', 'c1'),
      ev(d1, '09:00:00', 'agent.ringing', { queue: 'general' }),
      call(d1, '09:00:10', 'call.connected', 'c1', 'A001'),
      ev(d1, '09:00:10', 'agent.talking', { queue: 'general' }),
      call(d1, '09:50:10', 'call.ended', 'c1'),
      ev(d1, '09:50:10', 'agent.acw', { queue: 'general' }),
      ev(d1, '09:55:10', 'agent.ready'),
      ev(d1, '10:00', 'agent.logout'),
      ...abandoned(d1, '09:10:00', 'c2'),
      ...abandoned(d1, '09:11:00', 'c3'),
      ev(d2, '09:00', 'agent.login', a2),
      ev(d2, '09:00', 'agent.notReady', { ...a2, reason: 'break' }),
      call(d2, '09:30:00', 'call.enqueued', 'c5'),
      ev(d2, '09:30:00', 'agent.ringing', { ...a2, queue: 'general' }),
      call(d2, '09:30:10', 'call.connected', 'c5', 'A002'),
      ev(d2, '09:30:10', 'agent.talking', { ...a2, queue: 'general' }),
      call(d2, '09:59:10', 'call.ended', 'c5'),
      ev(d2, '09:59:10', 'agent.acw', { ...a2, queue: 'general' }),
      ev(d2, '10:00', 'agent.logout', a2),
      ...abandoned(d2, '09:40:00', 'c4'),
      ...abandoned(d3, '09:00:00', 'c6'),
      ev('2026-10-15', '09:00', 'agent.login', a2),
      ev('2026-10-15', '09:00', 'agent.ready', a2),
      ev('2026-10-15', '09:55', 'agent.notReady', { ...a2, reason: 'break' }),
      ev('2026-10-15', '10:00', 'agent.logout', a2),
    ],
    { centerId },
  );
}
