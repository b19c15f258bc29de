import type { DemoSeeder } from './seeders';

/** Every capability's demo seeder, in the order they run. */
export const allDemoSeeders: DemoSeeder[] = [];
