import type { DemoSeeder } from './seeders';
import { peopleDemo, routineReportsDemo } from './people';
import { liveHistorySeeder } from './live-history';
import { liveFeedSeeder } from './live-feed';
import { qaperfSeeder, scorecardsDemo } from './qaperf';
import { wfmDemo } from './wfm';
import { kbDemoSeeder } from './kb';
import { factsInputsDemo } from './factsInputs';
import { assessmentDemo } from './assessment';
import { goalsDemo } from './goals';
import { careersDemo, talentDemo } from './careers';
import { peerDemo } from './peer';
import { floorRulesDemo } from './floorRules';

/** Every capability's demo seeder, in the order they run. */
export const allDemoSeeders: DemoSeeder[] = [
  // quick: npm start is serving with these
  peopleDemo,
  liveFeedSeeder,
  qaperfSeeder,
  kbDemoSeeder,
  assessmentDemo,
  goalsDemo,
  careersDemo,
  floorRulesDemo,
  // background (after the server answers): the history and what reads it
  liveHistorySeeder,
  factsInputsDemo,
  wfmDemo,
  peerDemo,
  scorecardsDemo,
  routineReportsDemo,
  talentDemo,
];
