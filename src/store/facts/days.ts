/**
 * Stored agent-days (issue 11): the parts of each closed agent-day are computed once from the sources
 * (./daily.ts) and kept in fact_agent_days (migration 024); a week or a month is then a sum of stored
 * days. Late data deletes exactly the rows it touches (the migration's triggers: a late event, a
 * re-scored evaluation, a verdict, a survey answer, a schedule edit or publication, a state upload),
 * and only those agent-days are computed again at the next read. A day being computed is claimed first
 * (migration 033): its parts are stored only if the claim is still there, so late data arriving during the
 * computation makes it compute the day again instead of storing it stale. A stored row is used only for the
 * day bounds (time zone), agent code and settings it was computed with.
 *
 * A range's closed days can also be read as one stored sum per agent (migration 036, `fact_agent_sums`):
 * built from the stored days once they are all there, deleted by the triggers whenever one of its days
 * is inserted, changed or deleted; a month of a 1,000-agent center is then 1,000 rows instead of 30,000.
 *
 * A day is closed one day after its end: by then every shift that started in it has ended (shifts are
 * shorter than a day), so its adherence and attendance no longer depend on `now`. Open days (today,
 * yesterday) are always computed.
 */
import { randomInt } from 'node:crypto';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../schema';
import { dialectOf } from '../db';
import { addParts, type FactParts } from '../../core/facts/index';
import { rawAgentDays, type RawRange } from './daily';

type Db = Kysely<DB>;
const DAY = 86_400_000;
/** how long after its end a day's parts are stored */
export const CLOSED_AFTER = DAY;

const isEmpty = (p: FactParts) => p.complaints === 0 && Object.keys(p).length === 1;

/** How many leading days of the range are closed at `now`. */
export function closedDays(starts: readonly number[], now: number): number {
  let k = 0;
  while (k < starts.length - 1 && starts[k + 1]! + CLOSED_AFTER <= now) k++;
  return k;
}

/** A test seam: called after each computation of missing days, before they are stored (attempt 1, 2, …). */
export interface AgentDaysHooks {
  computed?: (attempt: number) => Promise<void>;
}

/** How many times a day whose claim was lost is computed again before it is served unstored. */
const MAX_ATTEMPTS = 3;

type DayRow = Insertable<DB['fact_agent_days']>;

/** Writes rows whatever is stored under their keys (a claim replaces a stale or unfinished row). */
async function upsertDays(db: Db, rows: DayRow[]) {
  for (let j = 0; j < rows.length; j += 500)
    await db
      .insertInto('fact_agent_days')
      .values(rows.slice(j, j + 500))
      .onConflict((oc) =>
        oc.columns(['agent_id', 'day']).doUpdateSet((eb) => ({
          center_id: eb.ref('excluded.center_id'),
          day_start: eb.ref('excluded.day_start'),
          day_end: eb.ref('excluded.day_end'),
          agent_code: eb.ref('excluded.agent_code'),
          conf: eb.ref('excluded.conf'),
          parts: eb.ref('excluded.parts'),
          computed_at: eb.ref('excluded.computed_at'),
          claim: eb.ref('excluded.claim'),
        })),
      )
      .execute();
}

/**
 * Stores computed days into the rows that still carry the computation's claim `token`, in one update per
 * 500 rows (no insert: a row late data deleted stays deleted). Returns the keys `agentId|day` stored.
 */
async function storeClaimed(db: Db, token: number, rows: DayRow[]): Promise<Set<string>> {
  const stored = new Set<string>();
  for (let j = 0; j < rows.length; j += 500) {
    const chunk = rows.slice(j, j + 500);
    const values = sql.join(chunk.map((x) => sql`(cast(${x.agent_id} as integer), cast(${x.day} as text), cast(${x.parts} as text))`));
    const res = await sql<{ agent_id: number; day: string }>`
      with v (agent_id, day, parts) as (values ${values})
      update fact_agent_days set parts = v.parts, claim = null from v
      where fact_agent_days.agent_id = v.agent_id and fact_agent_days.day = v.day and fact_agent_days.claim = ${token}
      returning fact_agent_days.agent_id as agent_id, fact_agent_days.day as day`.execute(db);
    for (const x of res.rows) stored.add(`${Number(x.agent_id)}|${x.day}`);
  }
  return stored;
}

/** A stored sum to write: the agent's parts over the range, and the stored days' parts it was summed from (in date order). */
interface SumRow {
  agentId: number;
  agentCode: string | null;
  parts: string;
  days: string[];
}

/**
 * Stores sums of closed days, each only if its agent's stored days are still exactly the ones summed (same
 * parts, same settings, none claimed): a day changed meanwhile (late data, another reader's recomputation)
 * leaves the sum unwritten, and one changed afterwards deletes it (the triggers of migration 036).
 */
async function storeSums(db: Db, range: { centerId: number; first: string; last: string; conf: string; bounds: string; now: number }, rows: SumRow[]) {
  const agg = dialectOf(db) === 'postgres' ? sql`string_agg(d.parts, '|' order by d.day)` : sql`group_concat(d.parts, '|' order by d.day)`;
  for (let j = 0; j < rows.length; j += 200) {
    const chunk = rows.slice(j, j + 200);
    const values = sql.join(
      chunk.map((x) => sql`(cast(${x.agentId} as integer), cast(${x.agentCode} as text), cast(${x.parts} as text), cast(${x.days.join('|')} as text))`),
    );
    await sql`
      with v (agent_id, agent_code, parts, expect) as (values ${values})
      insert into fact_agent_sums (agent_id, first_day, last_day, center_id, agent_code, conf, bounds, parts, computed_at)
      select v.agent_id, cast(${range.first} as text), cast(${range.last} as text), cast(${range.centerId} as integer), v.agent_code,
        cast(${range.conf} as text), cast(${range.bounds} as text), v.parts, cast(${range.now} as bigint) from v
      where (select ${agg} from fact_agent_days d where d.agent_id = v.agent_id and d.day >= cast(${range.first} as text)
             and d.day <= cast(${range.last} as text) and d.claim is null and d.conf = cast(${range.conf} as text)) = v.expect
      on conflict (agent_id, first_day, last_day) do update set center_id = excluded.center_id, agent_code = excluded.agent_code,
        conf = excluded.conf, bounds = excluded.bounds, parts = excluded.parts, computed_at = excluded.computed_at`.execute(db);
  }
}

/**
 * agentId → date → parts of the range's agent-days with some data, in date order: stored where closed, computed otherwise.
 * With `sums`: an agent whose closed days have a valid stored sum gets that sum in `sums` and none of its closed
 * days in the answer (its open days are there as always); the sums of agents whose closed days were all stored
 * are stored for the next read.
 */
export async function agentDays(db: Db, r: RawRange, hooks?: AgentDaysHooks, sums?: Map<number, FactParts>): Promise<Map<number, Map<string, FactParts>>> {
  const { dates, starts } = r;
  const k = r.agents.length ? closedDays(starts, r.now) : 0;
  // per agent, per day index: the parts (undefined = no data)
  const grid = new Map<number, (FactParts | undefined)[]>(r.agents.map((a) => [a.id, new Array<FactParts | undefined>(dates.length)]));
  const put = (raw: Map<number, Map<string, FactParts>>, offset: number, count: number) => {
    for (const [agentId, m] of raw) {
      const row = grid.get(agentId);
      if (!row) continue;
      for (let i = offset; i < offset + count; i++) {
        const p = m.get(dates[i]!);
        if (p) row[i] = p;
      }
    }
  };

  if (k > 0) {
    const conf = JSON.stringify(r.conf);
    const code = new Map(r.agents.map((a) => [a.id, a.ext_code]));
    const dayIx = new Map(dates.slice(0, k).map((d, i) => [d, i]));
    const range = { centerId: r.centerId, first: dates[0]!, last: dates[k - 1]!, conf, bounds: starts.slice(0, k + 1).join(','), now: r.now };
    // the stored sums of the closed days, where valid: those agents' days are not read
    const summed = new Set<number>();
    if (sums) {
      let sq = db
        .selectFrom('fact_agent_sums')
        .select(['agent_id', 'agent_code', 'parts'])
        .where('center_id', '=', r.centerId)
        .where('first_day', '=', range.first)
        .where('last_day', '=', range.last)
        .where('conf', '=', conf)
        .where('bounds', '=', range.bounds);
      if (r.subset) sq = sq.where('agent_id', 'in', r.agents.length ? r.agents.map((a) => a.id) : [-1]);
      for (const s of await sq.execute())
        if (grid.has(s.agent_id) && s.agent_code === code.get(s.agent_id)) {
          sums.set(s.agent_id, JSON.parse(s.parts) as FactParts);
          summed.add(s.agent_id);
        }
    }
    const rest = summed.size ? r.agents.filter((a) => !summed.has(a.id)) : r.agents;
    // per agent, per closed day: the stored parts text (for the sum's check), once stored
    const texts = new Map<number, (string | undefined)[]>();
    let q = db
      .selectFrom('fact_agent_days')
      .select(['agent_id', 'day', 'day_start', 'day_end', 'agent_code', 'conf', 'parts', 'claim'])
      .where('center_id', '=', r.centerId)
      .where('day', '>=', dates[0]!)
      .where('day', '<=', dates[k - 1]!);
    if (r.subset || summed.size) q = q.where('agent_id', 'in', rest.length ? rest.map((a) => a.id) : [-1]);
    const have = new Map<number, boolean[]>();
    for (const s of rest.length ? await q.execute() : []) {
      const i = dayIx.get(s.day);
      const row = grid.get(s.agent_id);
      if (i === undefined || !row) continue;
      if (
        s.claim !== null ||
        Number(s.day_start) !== starts[i] ||
        Number(s.day_end) !== starts[i + 1] ||
        s.agent_code !== code.get(s.agent_id) ||
        s.conf !== conf
      )
        continue;
      const p = JSON.parse(s.parts) as FactParts;
      if (!isEmpty(p)) row[i] = p;
      if (sums) {
        const t = texts.get(s.agent_id) ?? new Array<string | undefined>(k);
        t[i] = s.parts;
        texts.set(s.agent_id, t);
      }
      const h = have.get(s.agent_id) ?? new Array<boolean>(k).fill(false);
      h[i] = true;
      have.set(s.agent_id, h);
    }
    // the agent-days not stored (never computed, made stale by late data, or claimed by a computation
    // not finished): compute them over the smallest range of days that holds them, for the agents that
    // miss some, and store them — only where no late data came in meanwhile (storeClaimed)
    let missing: { agentId: number; i: number }[] = [];
    for (const a of rest) {
      const h = have.get(a.id);
      for (let i = 0; i < k; i++) if (!h?.[i]) missing.push({ agentId: a.id, i });
    }
    for (let attempt = 1; missing.length; attempt++) {
      const rowOf = ({ agentId, i }: { agentId: number; i: number }) => ({
        agent_id: agentId,
        day: dates[i]!,
        center_id: r.centerId,
        day_start: starts[i]!,
        day_end: starts[i + 1]!,
        agent_code: code.get(agentId) ?? null,
        conf,
        parts: JSON.stringify(grid.get(agentId)![i] ?? { complaints: 0 }),
        computed_at: r.now,
      });
      // the claim is written (and committed, outside a caller's transaction) before the inputs are read
      const token = randomInt(1, 2 ** 47);
      await upsertDays(
        db,
        missing.map((m) => ({ ...rowOf(m), parts: '', claim: token })),
      );
      const lo = Math.min(...missing.map((m) => m.i));
      const hi = Math.max(...missing.map((m) => m.i));
      const ids = new Set(missing.map((m) => m.agentId));
      const agents = r.agents.filter((a) => ids.has(a.id));
      for (const m of missing) grid.get(m.agentId)![m.i] = undefined;
      const raw = await rawAgentDays(db, {
        ...r,
        dates: dates.slice(lo, hi + 1),
        starts: starts.slice(lo, hi + 2),
        agents,
        subset: r.subset || agents.length < r.agents.length,
      });
      put(raw, lo, hi - lo + 1);
      await hooks?.computed?.(attempt);
      const rows = missing.map(rowOf);
      const stored = await storeClaimed(db, token, rows);
      if (sums)
        for (const x of rows)
          if (stored.has(`${x.agent_id}|${x.day}`)) {
            const t = texts.get(x.agent_id) ?? new Array<string | undefined>(k);
            t[dayIx.get(x.day)!] = x.parts;
            texts.set(x.agent_id, t);
          }
      // a day whose claim went (late data deleted it, or another reader claimed it) may have been computed
      // from the inputs before the late data: compute it again, a few times at most, then serve it unstored
      missing = attempt < MAX_ATTEMPTS ? missing.filter((m) => !stored.has(`${m.agentId}|${dates[m.i]}`)) : [];
    }
    // the sums of the agents whose closed days are all stored now, for the next read
    if (sums) {
      const toStore: SumRow[] = [];
      for (const a of rest) {
        const t = texts.get(a.id);
        if (!t || t.length !== k) continue;
        let all = true;
        for (let i = 0; i < k; i++) if (t[i] === undefined) all = false;
        if (!all) continue;
        const row = grid.get(a.id)!;
        const sum = addParts(row.slice(0, k).filter((p): p is FactParts => !!p));
        toStore.push({ agentId: a.id, agentCode: code.get(a.id) ?? null, parts: JSON.stringify(sum), days: t as string[] });
        // served as the stored sum is: the closed days as one sum
        sums.set(a.id, sum);
        for (let i = 0; i < k; i++) row[i] = undefined;
      }
      await storeSums(db, range, toStore);
    }
  }
  if (k < dates.length) put(await rawAgentDays(db, { ...r, dates: dates.slice(k), starts: starts.slice(k) }), k, dates.length - k);

  const out = new Map<number, Map<string, FactParts>>();
  for (const [agentId, row] of grid) {
    const m = new Map<string, FactParts>();
    row.forEach((p, i) => p && m.set(dates[i]!, p));
    if (m.size) out.set(agentId, m);
  }
  return out;
}
