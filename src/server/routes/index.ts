import type { RouteDef } from '../route';
import { platformRoutes } from './platform';
import { wfmRoutes } from './wfm';

/** Every API route. Each capability exports its list from its own file; add it here. */
export const allRoutes: RouteDef[] = [...platformRoutes, ...wfmRoutes];
