import type { DemoSeeder } from './seeders';
import { liveFeedSeeder } from './live-feed';

/** Every capability's demo seeder, in the order they run. */
export const allDemoSeeders: DemoSeeder[] = [liveFeedSeeder];
