import type { DemoSeeder } from './seeders';
import { peopleDemo, routineReportsDemo } from './people';
import { liveHistorySeeder } from './live-history';
import { liveFeedSeeder } from './live-feed';
import { qaperfSeeder } from './qaperf';
import { wfmDemo } from './wfm';
import { kbDemoSeeder } from './kb';
import { factsInputsDemo } from './factsInputs';

/** Every capability's demo seeder, in the order they run. */
export const allDemoSeeders: DemoSeeder[] = [
  peopleDemo,
  liveHistorySeeder,
  liveFeedSeeder,
  qaperfSeeder,
  wfmDemo,
  kbDemoSeeder,
  factsInputsDemo,
  routineReportsDemo,
];
