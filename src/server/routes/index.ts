import type { RouteDef } from '../route';
import { allCapabilities } from '../capabilities';

/** Every API route: those of every capability (src/server/capabilities.ts lists them; add a capability there). */
export const allRoutes: RouteDef[] = allCapabilities.flatMap((c) => c.routes);
