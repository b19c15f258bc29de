import type { RouteDef } from '../route';
import { platformRoutes } from './platform';
import { peopleRoutes } from './people';
import { liveIngestRoutes } from './liveIngest';
import { liveRoutes } from './live';
import { qualityRoutes } from './quality';
import { performanceRoutes } from './performance';
import { wfmRoutes } from './wfm';
import { kbRoutes } from './kb';
import { workOrderRoutes } from './workorders';
import { notificationRoutes } from './notifications';
import { factsRoutes } from './facts';
import { connectorRoutes } from './connectors';

/** Every API route. Each capability exports its list from its own file; add it here. */
export const allRoutes: RouteDef[] = [
  ...platformRoutes,
  ...peopleRoutes,
  ...liveIngestRoutes,
  ...liveRoutes,
  ...qualityRoutes,
  ...performanceRoutes,
  ...wfmRoutes,
  ...kbRoutes,
  ...workOrderRoutes,
  ...notificationRoutes,
  ...factsRoutes,
  ...connectorRoutes,
];
