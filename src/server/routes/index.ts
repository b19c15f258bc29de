import type { RouteDef } from '../route';
import { platformRoutes } from './platform';
import { peopleRoutes } from './people';

/** Every API route. Each capability exports its list from its own file; add it here. */
export const allRoutes: RouteDef[] = [...platformRoutes, ...peopleRoutes, ...liveIngestRoutes, ...wfmRoutes];
import { liveIngestRoutes } from './liveIngest';
import { wfmRoutes } from './wfm';
