/**
 * Every capability of the server, in the order they are composed (and their services started).
 * The capabilities whose route files are converted to the contract right now (platform, people,
 * quality, performance, wfm) are wrapped here from their route lists; the others export their own.
 */
import type { Capability } from './capability';
import { pgBridgeService } from './services';
import { certExpiryService } from './certExpiry';
import { platformRoutes } from './routes/platform';
import { peopleRoutes } from './routes/people';
import { qualityRoutes } from './routes/quality';
import { performanceRoutes } from './routes/performance';
import { wfmRoutes } from './routes/wfm';
import { liveIngestCapability } from './routes/liveIngest';
import { liveCapability } from './routes/live';
import { dutyCapability } from './routes/duty';
import { kbCapability } from './routes/kb';
import { workordersCapability } from './routes/workorders';
import { notificationsCapability } from './routes/notifications';
import { noticesCapability } from './routes/notices';
import { factsCapability } from './routes/facts';
import { connectorsCapability } from './routes/connectors';
import { assessmentCapability } from './routes/assessment';
import { goalsCapability } from './routes/goals';
import { careersCapability } from './routes/careers';
import { peerCapability } from './routes/peer';
import { floorRulesCapability } from './routes/floorRules';

/** Platform: organisation, users, sign-in, settings, audit; and the live fan-out between instances (first: later services use it). */
export const platformCapability: Capability = { name: 'platform', routes: platformRoutes, services: [pgBridgeService] };
export const peopleCapability: Capability = { name: 'people', routes: peopleRoutes, services: [certExpiryService] };
export const qualityCapability: Capability = { name: 'quality', routes: qualityRoutes };
export const performanceCapability: Capability = { name: 'performance', routes: performanceRoutes };
export const wfmCapability: Capability = { name: 'wfm', routes: wfmRoutes };

export const allCapabilities: readonly Capability[] = [
  platformCapability,
  peopleCapability,
  liveIngestCapability,
  liveCapability,
  dutyCapability,
  qualityCapability,
  performanceCapability,
  wfmCapability,
  kbCapability,
  workordersCapability,
  notificationsCapability,
  noticesCapability,
  factsCapability,
  connectorsCapability,
  assessmentCapability,
  goalsCapability,
  careersCapability,
  peerCapability,
  floorRulesCapability,
];
