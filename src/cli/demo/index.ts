import type { DemoSeeder } from './seeders';
import { qaperfSeeder } from './qaperf';

/** Every capability's demo seeder, in the order they run. */
export const allDemoSeeders: DemoSeeder[] = [qaperfSeeder];
