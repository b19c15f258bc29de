/**
 * Agent state timelines from the live store, for WFM adherence: each agent's `agent.*` events in
 * [from, to), starting at the agent's last event at or before `from` (the state it was in then).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';
import type { StateSegment } from '../../core/wfm/adherence';
import { liveStateSegments, type LiveAgentEvent } from '../../core/wfm/liveStates';

/** Agent events, spelled as the partial index live_events_agent_idx (agent, ts) is (a bound parameter would not match it on SQLite). */
const AGENT_EVENTS = sql<boolean>`type like 'agent.%'`;
/**
 * The center's filter kept off the center's own (center_id, ts) index (`+center_id`), which SQLite chose over
 * the agent index: every event of the center in the range (calls too) or, for the state at the start, all
 * its events before `from`, read for each agent (the cold facts' "agent states" time).
 */
const ONE_CENTER = sql<number>`+center_id`;

interface Row {
  agent: string;
  ts: number;
  seq: number;
  type: string;
  reason: string | null;
}

/**
 * Segments of one center's agents with these telephony codes (`codes`: agent code → agent id), from that
 * center's events. Per batch of
 * agents: one query for each agent's last event at or before `from` (one index seek per agent, not
 * one sub-query per event row as before), the events at those times, then a plain range read.
 */
export async function liveAgentSegments(db: Kysely<DB>, centerId: number, codes: Map<string, string>, from: number, to: number): Promise<StateSegment[]> {
  const list = [...codes.keys()];
  const out: StateSegment[] = [];
  for (let i = 0; i < list.length; i += 500) {
    const batch = list.slice(i, i + 500);
    const values = sql.join(batch.map((c) => sql`(${c})`));
    const starts = await sql<{ agent: string; m: number | string | null }>`
      with c(code) as (values ${values})
      select c.code as agent, (select max(p.ts) from live_events p where p.agent = c.code and p.type like 'agent.%' and +p.center_id = ${centerId} and p.ts <= ${from}) as m from c`.execute(
      db,
    );
    // the state an agent was in at `from`: its events at its last time at or before `from` (those at `from` come with the range)
    const before = starts.rows.filter((r) => r.m !== null && Number(r.m) < from).map((r) => ({ agent: r.agent, ts: Number(r.m) }));
    const first: Row[] = [];
    for (let j = 0; j < before.length; j += 250) {
      // joined to a list of (agent, time): one index seek each (an OR of pairs would scan)
      const pairs = sql.join(before.slice(j, j + 250).map((p) => sql`(${p.agent}, cast(${p.ts} as bigint))`));
      const rows = await sql<Row>`
        with s(agent, ts) as (values ${pairs})
        select e.agent as agent, e.ts as ts, e.seq as seq, e.type as type, e.reason as reason
        from s join live_events e on e.agent = s.agent and e.ts = s.ts
        where e.type like 'agent.%' and +e.center_id = ${centerId}`.execute(db);
      first.push(...rows.rows);
    }
    const range = (await db
      .selectFrom('live_events')
      .select(['agent', 'ts', 'seq', 'type', 'reason'])
      .where('agent', 'in', batch)
      .where(AGENT_EVENTS)
      .where(ONE_CENTER, '=', centerId)
      .where('ts', '>=', from)
      .where('ts', '<', to)
      .execute()) as Row[];
    const byAgent = new Map<string, Row[]>();
    for (const r of [...first, ...range]) {
      const l = byAgent.get(r.agent);
      if (l) l.push(r);
      else byAgent.set(r.agent, [r]);
    }
    for (const [code, rows] of byAgent) {
      rows.sort((a, b) => Number(a.ts) - Number(b.ts) || Number(a.seq) - Number(b.seq));
      const evs: LiveAgentEvent[] = rows.map((r) => ({ ts: Number(r.ts), type: r.type, reason: r.reason }));
      out.push(...liveStateSegments(codes.get(code)!, evs, from, to));
    }
  }
  return out;
}
