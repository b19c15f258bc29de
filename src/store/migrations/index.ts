import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import platform from './001_platform';
import kb from './007_kb';
import workorders from './008_workorders';

/**
 * Every migration, by name (run in name order). Each capability owns its own file(s);
 * add a line here for a new one.
 */
export const migrations: Record<string, (dialect: Dialect) => Migration> = {
  '001_platform': platform,
  '007_kb': kb,
  '008_workorders': workorders,
};
