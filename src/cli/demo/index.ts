import type { DemoSeeder } from './seeders';
import { kbDemoSeeder } from './kb';

/** Every capability's demo seeder, in the order they run. */
export const allDemoSeeders: DemoSeeder[] = [kbDemoSeeder];
