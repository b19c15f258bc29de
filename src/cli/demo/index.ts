import type { DemoSeeder } from './seeders';
import { peopleDemo } from './people';

/** Every capability's demo seeder, in the order they run. */
export const allDemoSeeders: DemoSeeder[] = [peopleDemo, liveHistorySeeder, wfmDemo];
import { liveHistorySeeder } from './live-history';
import { wfmDemo } from './wfm';
