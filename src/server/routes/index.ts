import type { RouteDef } from '../route';
import { platformRoutes } from './platform';
import { kbRoutes } from './kb';
import { workOrderRoutes } from './workorders';

/** Every API route. Each capability exports its list from its own file; add it here. */
export const allRoutes: RouteDef[] = [...platformRoutes, ...kbRoutes, ...workOrderRoutes];
