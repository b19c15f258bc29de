import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import platform from './001_platform';
import people from './006_people';
import live from './002_live';
import alerts from './003_alerts';
import qaperf from './005_qaperf';
import wfm from './004_wfm';
import kb from './007_kb';
import workorders from './008_workorders';
import notifications from './009_notifications';
import liveRollups from './009_live_rollups';
import factsInputs from './015_facts_inputs';
import examLimits from './016_exam_limits';
import liveFloorState from './018_live_floor_state';
import liveCenters from './021_live_centers';

/**
 * Every migration, by name (run in name order). Each capability owns its own file(s);
 * add a line here for a new one.
 */
export const migrations: Record<string, (dialect: Dialect) => Migration> = {
  '001_platform': platform,
  '006_people': people,
  '002_live': live,
  '003_alerts': alerts,
  '005_qaperf': qaperf,
  '004_wfm': wfm,
  '007_kb': kb,
  '008_workorders': workorders,
  '009_notifications': notifications,
  '009_live_rollups': liveRollups,
  '015_facts_inputs': factsInputs,
  '016_exam_limits': examLimits,
  '018_live_floor_state': liveFloorState,
  '021_live_centers': liveCenters,
};
