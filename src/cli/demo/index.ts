import type { DemoSeeder } from './seeders';
import { liveHistorySeeder } from './live-history';

/** Every capability's demo seeder, in the order they run. */
export const allDemoSeeders: DemoSeeder[] = [liveHistorySeeder];
