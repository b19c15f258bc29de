/** Workforce management API, one file per resource group; `wfmRoutes` is every route. */
import type { RouteDef } from '../../route';
import { adherenceRoutes } from './adherence';
import { forecastsRoutes } from './forecasts';
import { leaveRoutes } from './leave';
import { peaksRoutes } from './peaks';
import { schedulesRoutes } from './schedules';
import { staffingRoutes } from './staffing';
import { timeOffRoutes } from './timeOff';
import { intradayRoutes } from './intraday';

export { waitForSolve } from './schedules';

export const wfmRoutes: RouteDef[] = [
  ...staffingRoutes,
  ...forecastsRoutes,
  ...schedulesRoutes,
  ...leaveRoutes,
  ...adherenceRoutes,
  ...peaksRoutes,
  ...timeOffRoutes,
  ...intradayRoutes,
];
