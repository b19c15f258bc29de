import type { ServerContext } from './context';

/**
 * Long-running parts a capability starts with the server (live-floor state, alert evaluation,
 * cross-instance fan-out). Each registers a starter here; `serve` and `demo` run them all.
 */
export type ServiceStarter = (ctx: ServerContext) => Promise<void> | void;
export const serviceStarters: ServiceStarter[] = [];

export async function startServices(ctx: ServerContext) {
  for (const s of serviceStarters) await s(ctx);
}
