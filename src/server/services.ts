import type { ServerContext } from './context';
import { startPgBridge } from './pgBridge';

/**
 * Long-running parts a capability starts with the server (live-floor state, alert evaluation,
 * cross-instance fan-out). Each registers a starter here; `serve` and `demo` run them all.
 */
export type ServiceStarter = (ctx: ServerContext) => Promise<void> | void;
export const serviceStarters: ServiceStarter[] = [];

export async function startServices(ctx: ServerContext) {
  const stopBridge = await startPgBridge(ctx);
  ctx.services.stopPgBridge = stopBridge;
  for (const s of serviceStarters) await s(ctx);
}

/** Stops what startServices started (tests and graceful shutdown). */
export async function stopServices(ctx: ServerContext) {
  for (const stop of serviceStoppers) await stop(ctx);
  await (ctx.services.stopPgBridge as (() => Promise<void>) | undefined)?.();
}

/** Capabilities whose starters hold timers or connections register how to stop them. */
export type ServiceStopper = (ctx: ServerContext) => Promise<void> | void;
export const serviceStoppers: ServiceStopper[] = [];
