import type { Service } from './capability';
import type { ServerContext } from './context';
import { startPgBridge } from './pgBridge';

/**
 * Starts every service of the app's capabilities, in the order composed (the PostgreSQL bridge of
 * platform first: the floors and connectors of later capabilities talk to other instances through it).
 * When one fails to start, those already started are stopped and the error is thrown.
 */
export async function startServices(ctx: ServerContext) {
  for (const s of ctx.composition.services) {
    if (ctx.running.includes(s)) continue;
    try {
      await s.start(ctx);
    } catch (e) {
      await stopServices(ctx);
      throw e;
    }
    ctx.running.push(s);
  }
}

/** Stops what startServices started, last started first (graceful shutdown; app close calls it too, so twice is harmless). */
export async function stopServices(ctx: ServerContext) {
  while (ctx.running.length) {
    const s = ctx.running.pop()!;
    try {
      await s.stop(ctx);
    } catch (e) {
      // one service failing to stop must not keep the others running
      console.error(`stopping ${s.name}: ${(e as Error).message}`);
    }
  }
}

/** Live fan-out between instances over PostgreSQL LISTEN/NOTIFY (nothing to do on SQLite). */
export const pgBridgeService: Service = {
  name: 'pgBridge',
  async start(ctx) {
    const stop = await startPgBridge(ctx);
    ctx.services.stopPgBridge = { stop };
  },
  async stop(ctx) {
    const s = ctx.services.stopPgBridge as { stop(): Promise<void> } | undefined;
    delete ctx.services.stopPgBridge;
    await s?.stop();
  },
};
