import type { ServerContext } from '../../server/context';

export interface DemoOrgIds {
  centerId: number;
  teamIds: number[];
  /** agent id by employee number */
  agentIds: Map<string, number>;
  /** user id by user name */
  userIds: Map<string, number>;
}

/**
 * Demo data beyond the organisation: each capability adds a seeder (history, schedules,
 * evaluations, articles…) and, optionally, a live part started with the server.
 */
export interface DemoSeeder {
  name: string;
  /**
   * Runs once, on an empty database, after the organisation exists. `progress(share)` (0…1) says how
   * far a long seeder is (the demo's loading status).
   */
  seed?(ctx: ServerContext, org: DemoOrgIds, log: (msg: string) => void, progress?: (share: number) => void): Promise<void>;
  /**
   * Runs after `npm start` is already serving, in order with the other background seeders (history
   * and what needs it); the live parts start once they are all done.
   */
  background?: boolean;
  /** Runs at every demo start (e.g. the live simulated feed). */
  live?(ctx: ServerContext, org: DemoOrgIds, log: (msg: string) => void): Promise<void>;
}
