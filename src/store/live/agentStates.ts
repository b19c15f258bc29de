/**
 * Agent state timelines from the live store, for WFM adherence: each agent's `agent.*` events in
 * [from, to), starting at the agent's last event at or before `from` (the state it was in then).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';
import type { StateSegment } from '../../core/wfm/adherence';
import { liveStateSegments, type LiveAgentEvent } from '../../core/wfm/liveStates';

/** Segments of one center's agents with these telephony codes (`codes`: agent code → agent id), from that center's events. */
export async function liveAgentSegments(db: Kysely<DB>, centerId: number, codes: Map<string, string>, from: number, to: number): Promise<StateSegment[]> {
  const list = [...codes.keys()];
  const out: StateSegment[] = [];
  for (let i = 0; i < list.length; i += 500) {
    const rows = await db
      .selectFrom('live_events as e')
      .select(['e.agent', 'e.ts', 'e.type', 'e.reason'])
      .where('e.agent', 'in', list.slice(i, i + 500))
      .where('e.type', 'like', 'agent.%')
      .where('e.center_id', '=', centerId)
      .where('e.ts', '<', to)
      .where(
        'e.ts',
        '>=',
        sql<number>`coalesce((select max(p.ts) from live_events p where p.agent = e.agent and p.type like 'agent.%' and p.center_id = e.center_id and p.ts <= ${from}), ${from})`,
      )
      .orderBy('e.agent')
      .orderBy('e.ts')
      .orderBy('e.seq')
      .execute();
    const byAgent = new Map<string, LiveAgentEvent[]>();
    for (const r of rows) {
      const l = byAgent.get(r.agent!) ?? [];
      l.push({ ts: Number(r.ts), type: r.type, reason: r.reason });
      byAgent.set(r.agent!, l);
    }
    for (const [code, evs] of byAgent) out.push(...liveStateSegments(codes.get(code)!, evs, from, to));
  }
  return out;
}
