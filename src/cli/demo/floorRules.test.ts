import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore } from '../../store/testing';
import { buildApp } from '../../server/app';
import { seedDemoOrg } from '../commands/demo';
import { floorRulesDemo } from './floorRules';

process.env.CALLFLOOR_SCRYPT_LOG2N ??= '14';

test('the duty and floor-rules demo seeder fills the roster, handovers, emergency levels and the floor rules', async () => {
  const store = await freshStore('sqlite');
  try {
    const now = Date.UTC(2026, 10, 22, 4);
    const { ctx } = await buildApp({ store, webRoot: null, now: () => now });
    const { ids } = await seedDemoOrg(store, now);
    await floorRulesDemo.seed!(ctx, ids, () => {});
    const db = store.db;
    const count = async (t: 'duty_shifts' | 'duty_handovers' | 'emergency_levels' | 'floor_faults' | 'floor_checks' | 'room_visits' | 'visit_notices') =>
      Number(
        (
          await db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    // 6 day duties (3 past, today, 2 on), the 3 past handed over; 3 levels; 3 faults; 3 checks; 2 visits; 1 notice
    assert.deepEqual(
      [
        await count('duty_shifts'),
        await count('duty_handovers'),
        await count('emergency_levels'),
        await count('floor_faults'),
        await count('floor_checks'),
        await count('room_visits'),
        await count('visit_notices'),
      ],
      [6, 3, 3, 3, 3, 2, 1],
    );
    const open = await db.selectFrom('floor_faults').select('seat').where('status', '=', 'open').execute();
    assert.deepEqual(open, [{ seat: 'A-07' }]);
  } finally {
    await store.close();
  }
});
