/**
 * Yesterday's QA in the briefing follows the facts' rule (DESIGN.md, issue 11): an evaluation counts
 * on the local day of the evaluated call, whenever it was made. The coaching list and the team's
 * yesterday qaScore then agree. Numbers by hand from the fixture template.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { upsertCalls } from '../../store/quality/calls';
import { evaluate, qaActor, saveTemplate } from '../../services/quality/index';
import { briefing } from '../../store/people/routine';
import { answers, fixtureTemplate } from '../../core/quality/fixtures';
import { defaultAttendanceGrace, defaultMoodSignalConfig } from '../../core/people';
import { seedTestOrg } from '../testing';
import { at } from './facts.fixtures';

const Y = '2026-11-02'; // yesterday
const T = '2026-11-03'; // the briefing's day

forEachDatabase("briefing: yesterday's QA are the evaluations of yesterday's calls, as in the facts", async (_t, store) => {
  const org = await seedTestOrg(store);
  const db = store.db;
  const a1 = org.agents.a1!;
  const qa = qaActor(org.centerId, org.users.qa!);
  const deps = (now: number) => ({ store, now: () => now });
  const tpl = await saveTemplate(deps(0), qa, { template: fixtureTemplate('zero') });
  await upsertCalls(
    db,
    org.centerId,
    [
      { id: 'q1', agentId: a1, queue: 'general', startedAt: at(Y, '10:00'), durationS: 180 },
      { id: 'q0', agentId: a1, queue: 'general', startedAt: at('2026-11-01', '10:00'), durationS: 180 },
    ],
    0,
  );
  // q1, a call of yesterday evaluated this morning: greet 2/2, verify 1/1 → 100; accuracy 2/4 → 50, privacy 1/1 → 100,
  // biz 65 → 0.4·100 + 0.6·65 = 79
  await evaluate(deps(at(T, '08:00')), qa, { callId: 'q1', templateId: tpl.id, answers: answers(2, 1, 2, 1), timeSpentS: 60 });
  // q0, a call of the day before, evaluated yesterday: privacy failed (fatal) → 0; it counts for 11-01, not yesterday
  await evaluate(deps(at(Y, '15:00')), qa, { callId: 'q0', templateId: tpl.id, answers: answers(1, null, 4, 0), timeSpentS: 60 });

  const b = await briefing(db, org.teamA, T, at(T, '09:00'), { grace: defaultAttendanceGrace, signals: defaultMoodSignalConfig, timeZone: 'Asia/Shanghai' });
  assert.equal(b.qa.count, 1);
  assert.equal(b.qa.average, 79);
  assert.equal(b.qa.fatal, 0);
  // the same evaluations as the facts' yesterday qaScore of the team
  assert.equal(b.team.yesterday.qaScore.value, 79);
  assert.equal(b.team.yesterday.qaScore.den, 1);
});
