/**
 * A squad leader (小隊長) in the lead's routine (issue 17): the squad's post-shift report, generated from the
 * store the way the team's is (src/store/people/routine.ts `sendPostShift`) but over the squad's agents only —
 * their facts (`computeFacts` with the squad's agent ids), attendance, violations and the squad's coaching and
 * listening entries — and without the queue-side figures (a queue's offered and abandoned calls belong to the
 * team's queues, not to a part of the team). Kept apart from the team's reports, so the lead's own routine
 * counts (the lead's scorecard) stay the lead's.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { audit } from '../audit';
import { withTx } from '../db';
import { uniqueAs } from '../errors';
import { inScope, type Delegation, type Scope } from '../scope';
import { postShiftSummary, type AttendanceGrace, type DailyReport, type ShiftLogKind } from '../../core/people';
import { SQUAD_LOG_KINDS } from '../../core/peer/index';
import { core, dayStartMs, iso, parseJson } from '../people/common';
import { attendanceReport } from '../people/discipline';
import { teamDay, violationOf } from '../people/routine';

type Db = Kysely<DB>;

/** The squad a report is about: its id, team, name and agents (leader and members) when sent. */
export interface SquadRef {
  id: number;
  teamId: number;
  name: string;
  agentIds: number[];
}

/** The squad-day's coaching and listening entries about its agents, and the entries its leader wrote for it. */
export async function squadLog(db: Db, squad: SquadRef, date: string) {
  return db
    .selectFrom('people_shift_log')
    .selectAll()
    .where('team_id', '=', squad.teamId)
    .where('date', '=', date)
    .where((eb) =>
      eb.or([
        eb('squad_id', '=', squad.id),
        eb.and([eb('kind', 'in', [...SQUAD_LOG_KINDS]), eb('agent_id', 'in', squad.agentIds.length ? squad.agentIds : [-1])]),
      ]),
    )
    .orderBy('at')
    .execute();
}

/**
 * Sends the squad's post-shift report for a day (once per squad and day), stored with the squad's name and
 * agents as they were, and audited as the squad leader's.
 */
export async function sendSquadReport(
  db: Db,
  centerId: number,
  squad: SquadRef,
  date: string,
  notes: string[],
  userId: number,
  now: number,
  grace: AttendanceGrace,
  timeZone: string,
) {
  return withTx(db, async (tx) => {
    const att = await attendanceReport(tx, date, date, { agentIds: squad.agentIds }, grace);
    const dayStart = dayStartMs(date, timeZone);
    const vio = await tx
      .selectFrom('people_violations')
      .selectAll()
      .where('agent_id', 'in', squad.agentIds)
      .where('at', '>=', dayStart)
      .where('at', '<', dayStart + 86_400_000)
      .execute();
    const log = await squadLog(tx, squad, date);
    const day = await teamDay(tx, centerId, squad.teamId, date, now, timeZone, {}, squad.agentIds);
    const s = core(() =>
      postShiftSummary({
        teamId: String(squad.teamId),
        date,
        figures: day.figures,
        // attendance records carry the agent's team: an agent moved to another team since is not the squad's day
        attendance: att.records,
        violations: vio.map((v) => violationOf(v, squad.teamId)),
        qa: [],
        qaTotals: { count: day.team.qaScore.den ?? 0, scoreSum: day.team.qaScore.num ?? 0, fatal: day.team.fatalRate.num ?? 0 },
        log: log.map((l) => ({ at: iso(l.at), kind: l.kind as ShiftLogKind, text: l.text })),
        notes,
      }),
    );
    const report: DailyReport = { ...s.report, sources: day.sources };
    const row = await uniqueAs('date', `the squad's post-shift report of ${date} was already sent`, () =>
      tx
        .insertInto('peer_squad_reports')
        .values({
          center_id: centerId,
          team_id: squad.teamId,
          squad_id: squad.id,
          squad_name: squad.name,
          date,
          agent_ids: JSON.stringify(squad.agentIds),
          author_id: userId,
          report: JSON.stringify(report),
          log: JSON.stringify(s.log),
          notes: JSON.stringify(s.notes),
          sent_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    await audit(tx, {
      at: now,
      userId,
      action: 'peer.squad.report',
      entity: 'team',
      entityId: squad.teamId,
      detail: { reportId: row.id, squadId: squad.id, date },
    });
    return { id: row.id };
  });
}

/**
 * Squad reports the caller reaches: a lead (or above) those of the teams in their scope; a squad leader those
 * of the squads they lead now (a dissolved squad's reports stay the lead's). Newest first.
 */
export async function listSquadReports(db: Db, scope: Scope, d: Delegation, f: { from: string; to: string; id?: number }) {
  let q = db
    .selectFrom('peer_squad_reports as r')
    .innerJoin('teams as t', 't.id', 'r.team_id')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.id', 'r.team_id', 't.name as team_name', 'r.squad_id', 'r.squad_name', 'r.date', 'r.agent_ids', 'r.report', 'r.log', 'r.notes', 'r.sent_at'])
    .select('u.display_name as author_name')
    .where('r.center_id', '=', scope.centerId)
    .where('r.date', '>=', f.from)
    .where('r.date', '<=', f.to)
    .where((eb) =>
      scope.kind === 'self'
        ? d.squadIds.length
          ? eb('r.squad_id', 'in', d.squadIds)
          : (eb.lit(false) as never)
        : inScope(scope, { center: 'r.center_id', team: 'r.team_id' })(eb),
    )
    .orderBy('r.date', 'desc')
    .orderBy('r.id', 'desc');
  if (f.id !== undefined) q = q.where('r.id', '=', f.id);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    teamName: r.team_name,
    squadId: r.squad_id,
    squadName: r.squad_name,
    date: r.date,
    agentIds: parseJson<number[]>(r.agent_ids, []),
    report: parseJson<DailyReport>(r.report, {} as DailyReport),
    log: parseJson<Record<string, number>>(r.log, {}),
    notes: parseJson<string[]>(r.notes, []),
    sentAt: Number(r.sent_at),
    authorName: r.author_name,
  }));
}
