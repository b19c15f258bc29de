/**
 * One instance of several (sharing one PostgreSQL database) runs the periodic diagnosis, so an alert
 * is raised once, and one runs each center's PBX connectors, so a call is received once. Leadership is a session-level advisory lock on a connection of its own: when the
 * leading process dies its connection ends, the lock is free, and the next instance to ask takes over.
 * SQLite serves one process: it always leads.
 */
import type pg from 'pg';
import { loadPg, type Store } from '../db';

export interface Leadership {
  /** True while this process holds the role (asks again when it does not). */
  held(): Promise<boolean>;
  release(): Promise<void>;
}

const DIAGNOSIS_LOCK = 730_302;
/** The PBX connectors of a center (AMI / ESL sockets) run on one instance: not two logins on the PBX, every call received once. */
const CONNECTORS_LOCK = 730_303;

export function diagnosisLeadership(store: Store, centerId: number): Leadership {
  return advisoryLeadership(store, DIAGNOSIS_LOCK, centerId);
}

/** Who runs a center's PBX connectors; handed over like the diagnosis when the holder dies. */
export function connectorLeadership(store: Store, centerId: number): Leadership {
  return advisoryLeadership(store, CONNECTORS_LOCK, centerId);
}

/** A role per (role key, schema, center): a session-level advisory lock held on a connection of its own. */
function advisoryLeadership(store: Store, roleKey: number, centerId: number): Leadership {
  if (store.dialect !== 'postgres' || !store.url) return { held: async () => true, release: async () => {} };
  let client: pg.Client | null = null;
  let holding = false;
  const connect = async () => {
    const c = new (await loadPg()).Client({
      connectionString: store.url,
      ...(store.pgSchema ? { options: `-c search_path=${store.pgSchema}` } : {}),
    });
    c.on('error', () => {
      // the connection is gone, and with it the lock: ask again next time
      holding = false;
      client = null;
    });
    await c.connect();
    return c;
  };
  return {
    async held() {
      if (holding && client) return true;
      try {
        client ??= await connect();
        const r = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1, hashtext(current_schema() || ':' || $2::text)) as ok", [
          roleKey,
          centerId,
        ]);
        holding = !!r.rows[0]?.ok;
      } catch {
        holding = false;
        await client?.end().catch(() => {});
        client = null;
      }
      return holding;
    },
    async release() {
      holding = false;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
