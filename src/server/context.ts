import type { Store } from '../store/db';
import type { Composition, Service } from './capability';
import type { Hub } from './hub';

/** What every route handler can reach. Built once per server. */
export interface ServerContext {
  store: Store;
  /** The clock, injectable so tests can move time. */
  now: () => number;
  /** Live fan-out to WebSocket subscribers (and other instances). */
  hub: Hub;
  /** Force Secure cookies (else they are Secure when the request came over HTTPS). */
  secureCookies: boolean;
  /** Session lifetime since last use. */
  sessionTtlMs: number;
  /** Per-capability services (live floor state, solver pool…), registered at start-up. */
  services: Record<string, unknown>;
  /** The capabilities this app was built with: routes, topic rules, socket handlers, event feed, services (capability.ts). */
  composition: Composition;
  /** Services of the composition now running, in start order (startServices / stopServices). */
  running: Service[];
  /** Check every answer and live message against the contract (tests; CALLFLOOR_VALIDATE_RESPONSES=1). */
  validateResponses?: boolean;
}
