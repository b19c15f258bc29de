/** Discipline: the center's floor rules, violations, the team activity fund (樂捐) and attendance input. */
import { conflict, notFound, validationError } from '../../core/errors';
import type { Role } from '../../core/roles';
import {
  appendFundEntry,
  classifyAttendance,
  contributionFromViolation,
  defaultRuleBook,
  formatYuan,
  fundSummary,
  summarizeAttendance,
  validateRuleBook,
  validateViolation,
  type AttendanceGrace,
  type Consequence,
  type FloorRule,
  type FundEntry,
  type RuleCategory,
} from '../../core/people';
import { audit } from '../audit';
import { lockRow, withTx } from '../db';
import { uniqueAs } from '../errors';
import { addDays, agentMissing, agentWithTeam, core, iso, toDomain, type Actor, type Db } from './common';
import { PeopleError } from '../../core/people/errors';
import { inScope, type Scope } from '../scope';

type RuleRow = { code: string; no: number; category: string; title: string; text: string; amount_fen: number; consequence: string; active: number };

const toRule = (r: RuleRow): FloorRule => ({
  id: r.code,
  no: r.no,
  category: r.category as RuleCategory,
  title: r.title,
  text: r.text,
  consequence: (r.consequence === 'warning' ? { kind: 'warning' } : { kind: 'contribution', amountFen: r.amount_fen }) as Consequence,
  active: r.active === 1,
});

/** The center's rulebook; the seed's 26 floor rules plus lateness / early leave until the center edits its own. */
export async function listRules(db: Db, centerId: number): Promise<FloorRule[]> {
  const rows = await db.selectFrom('people_rules').selectAll().where('center_id', '=', centerId).orderBy('no').execute();
  return rows.length ? rows.map(toRule) : defaultRuleBook.map((r) => ({ ...r }));
}

/** Replaces the center's rulebook (validated by the core; audited with before and after). */
export async function saveRules(db: Db, centerId: number, rules: FloorRule[], userId: number, now: number): Promise<FloorRule[]> {
  const valid = core(() => validateRuleBook(rules));
  return withTx(db, async (tx) => {
    const before = await listRules(tx, centerId);
    await tx.deleteFrom('people_rules').where('center_id', '=', centerId).execute();
    if (valid.length)
      await tx
        .insertInto('people_rules')
        .values(
          valid.map((r) => ({
            center_id: centerId,
            code: r.id,
            no: r.no,
            category: r.category,
            title: r.title,
            text: r.text,
            consequence: r.consequence.kind,
            amount_fen: r.consequence.kind === 'contribution' ? r.consequence.amountFen : 0,
            active: r.active ? 1 : 0,
            updated_at: now,
          })),
        )
        .execute();
    await audit(tx, {
      at: now,
      userId,
      action: 'people.rules.update',
      entity: 'people_rules',
      entityId: centerId,
      detail: { before: before.length, after: valid },
    });
    return listRules(tx, centerId);
  });
}

export interface ViolationIn {
  ruleCode: string;
  agentId: number;
  at: number;
  note?: string;
}

/**
 * Records a violation; its contribution goes into the agent's team fund in the same transaction.
 * A team lead may record only on agents of a team they lead (the core's rule): another team → forbidden.
 */
export async function recordViolation(db: Db, centerId: number, v: ViolationIn, actor: Actor, now: number) {
  return withTx(db, async (tx) => {
    const agent = await agentWithTeam(tx, v.agentId);
    if (agent.team_id == null)
      throw validationError('agentId', `agent ${v.agentId} has no team, so there is no team fund`, {
        reason: 'people.agentNoTeam',
        params: { agentId: v.agentId },
      });
    const rules = await listRules(tx, centerId);
    const checked = core(() =>
      validateViolation(
        { id: 'new', ruleId: v.ruleCode, agentId: String(v.agentId), agentTeamId: String(agent.team_id), at: iso(v.at), note: v.note },
        { userId: String(actor.userId), roles: actor.roles as Role[], leadsTeamIds: actor.ledTeamIds.map(String) },
        rules,
      ),
    );
    const rule = rules.find((r) => r.id === checked.ruleId)!;
    const row = await tx
      .insertInto('people_violations')
      .values({
        center_id: centerId,
        rule_code: rule.id,
        rule_no: rule.no,
        rule_title: rule.title,
        agent_id: v.agentId,
        team_id: agent.team_id,
        recorded_by: actor.userId,
        at: v.at,
        note: v.note?.trim() || null,
        contribution_fen: checked.contributionFen,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const entry = contributionFromViolation({ ...checked, id: String(row.id) });
    if (entry)
      await tx
        .insertInto('people_fund_entries')
        .values({
          team_id: agent.team_id,
          kind: 'contribution',
          amount_fen: entry.amountFen,
          at: v.at,
          violation_id: row.id,
          agent_id: v.agentId,
          receipt_ref: null,
          description: null,
          recorded_by: actor.userId,
        })
        .execute();
    await audit(tx, {
      at: now,
      userId: actor.userId,
      action: 'people.violation.record',
      entity: 'agent',
      entityId: v.agentId,
      detail: { violationId: row.id, rule: rule.id, contributionFen: checked.contributionFen },
    });
    return { id: row.id, contributionFen: checked.contributionFen, teamId: agent.team_id };
  });
}

/** Violations in the caller's scope (center, teams or own), optionally narrowed to some teams or agents. */
export async function listViolations(db: Db, scope: Scope, f: { teamIds?: number[]; agentIds?: number[]; from?: number; to?: number; limit?: number }) {
  let q = db
    .selectFrom('people_violations as v')
    .innerJoin('agents as a', 'a.id', 'v.agent_id')
    .leftJoin('users as u', 'u.id', 'v.recorded_by')
    .select([
      'v.id',
      'v.rule_code',
      'v.rule_no',
      'v.rule_title',
      'v.agent_id',
      'a.name as agent_name',
      'v.team_id',
      'v.at',
      'v.note',
      'v.contribution_fen',
      'u.display_name as recorded_by_name',
    ])
    .where(inScope(scope, { center: 'v.center_id', team: 'v.team_id', agent: 'v.agent_id' }))
    .orderBy('v.at', 'desc')
    .limit(f.limit ?? 500);
  if (f.teamIds) q = q.where('v.team_id', 'in', f.teamIds.length ? f.teamIds : [-1]);
  if (f.agentIds) q = q.where('v.agent_id', 'in', f.agentIds.length ? f.agentIds : [-1]);
  if (f.from !== undefined) q = q.where('v.at', '>=', f.from);
  if (f.to !== undefined) q = q.where('v.at', '<', f.to);
  return q.execute();
}

async function ledgerOf(db: Db, teamId: number): Promise<FundEntry[]> {
  const rows = await db.selectFrom('people_fund_entries').selectAll().where('team_id', '=', teamId).orderBy('at').orderBy('id').execute();
  return rows.map((r) =>
    r.kind === 'contribution'
      ? {
          kind: 'contribution',
          id: String(r.id),
          teamId: String(teamId),
          amountFen: r.amount_fen,
          at: iso(r.at),
          violationId: String(r.violation_id ?? ''),
          agentId: String(r.agent_id ?? ''),
        }
      : {
          kind: 'spending',
          id: String(r.id),
          teamId: String(teamId),
          amountFen: r.amount_fen,
          at: iso(r.at),
          receiptRef: r.receipt_ref ?? '',
          description: r.description ?? '',
        },
  );
}

/**
 * Per team, the violations recorded in [from, to) (the discipline records) and the contributions the fund
 * ledger took in for them in that time (fen): the routine's weekly and monthly reports read these.
 */
export async function teamDiscipline(db: Db, teamIds: number[], from: number, to: number) {
  const out = new Map<number, { violations: number; contributionFen: number }>();
  if (!teamIds.length) return out;
  const get = (t: number) => out.get(t) ?? (out.set(t, { violations: 0, contributionFen: 0 }), out.get(t)!);
  const vio = await db
    .selectFrom('people_violations')
    .select((eb) => ['team_id', eb.fn.countAll<number>().as('n')])
    .where('team_id', 'in', teamIds)
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy('team_id')
    .execute();
  for (const v of vio) get(v.team_id).violations = Number(v.n);
  const fund = await db
    .selectFrom('people_fund_entries')
    .select((eb) => ['team_id', eb.fn.sum<number>('amount_fen').as('fen')])
    .where('team_id', 'in', teamIds)
    .where('kind', '=', 'contribution')
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy('team_id')
    .execute();
  for (const f of fund) get(f.team_id).contributionFen = Number(f.fen);
  return out;
}

/** A team's fund: every entry (newest first) and the balance, all in fen. */
export async function teamFund(db: Db, teamId: number) {
  const entries = await db
    .selectFrom('people_fund_entries as f')
    .leftJoin('agents as a', 'a.id', 'f.agent_id')
    .leftJoin('people_violations as v', 'v.id', 'f.violation_id')
    .select([
      'f.id',
      'f.kind',
      'f.amount_fen',
      'f.at',
      'f.violation_id',
      'f.agent_id',
      'a.name as agent_name',
      'v.rule_title',
      'f.receipt_ref',
      'f.description',
    ])
    .where('f.team_id', '=', teamId)
    .orderBy('f.at', 'desc')
    .orderBy('f.id', 'desc')
    .execute();
  const summary = fundSummary(String(teamId), await ledgerOf(db, teamId));
  return { teamId, contributedFen: summary.contributedFen, spentFen: summary.spentFen, balanceFen: summary.balanceFen, entries };
}

/** Spending on a team activity, with its receipt; refused above the balance. */
export async function recordSpending(
  db: Db,
  teamId: number,
  s: { amountFen: number; receiptRef: string; description: string; at: number },
  userId: number,
  now: number,
) {
  return withTx(db, async (tx) => {
    // the balance check and the insert are one serialised step: no two spendings read the same balance
    if (!(await lockRow(tx, 'teams', teamId))) throw notFound('team', teamId);
    const ledger = await ledgerOf(tx, teamId);
    try {
      appendFundEntry(String(teamId), ledger, {
        kind: 'spending',
        id: 'new',
        teamId: String(teamId),
        amountFen: s.amountFen,
        at: iso(s.at),
        receiptRef: s.receiptRef,
        description: s.description,
      });
    } catch (e) {
      if (e instanceof PeopleError && e.why === 'insufficient_funds') {
        const balanceFen = fundSummary(String(teamId), ledger).balanceFen;
        throw conflict(`amountFen: spending ${formatYuan(s.amountFen)} is above the balance ${formatYuan(balanceFen)}`, 'amountFen', {
          reason: 'people.fundInsufficient',
          params: { field: 'amountFen', amount: formatYuan(s.amountFen), balance: formatYuan(balanceFen) },
        });
      }
      throw toDomain(e);
    }
    const row = await tx
      .insertInto('people_fund_entries')
      .values({
        team_id: teamId,
        kind: 'spending',
        amount_fen: s.amountFen,
        at: s.at,
        violation_id: null,
        agent_id: null,
        receipt_ref: s.receiptRef.trim(),
        description: s.description.trim(),
        recorded_by: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'people.fund.spend', entity: 'team', entityId: teamId, detail: { entryId: row.id, ...s } });
    return { id: row.id };
  });
}

// ---------------------------------------------------------------- attendance

const HOUR = 3_600_000;
const MAX_SHIFT_MS = 24 * HOUR;
/** Times an attendance import may hold (epoch ms): 2000-01-01 … 2100-01-01 UTC. */
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);

function checkInstant(field: string, ms: number) {
  if (!Number.isSafeInteger(ms) || ms < MIN_TIME || ms >= MAX_TIME)
    throw validationError(field, `time ${ms} is out of range (${iso(MIN_TIME)} to ${iso(MAX_TIME)})`, {
      reason: 'input.dateOutOfRange',
      params: { field, min: iso(MIN_TIME).slice(0, 10), max: iso(MAX_TIME).slice(0, 10) },
    });
}

function checkDate(field: string, date: string) {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(ms) || iso(ms).slice(0, 10) !== date)
    throw validationError(field, `not a calendar date: ${date}`, { reason: 'input.badDate', params: { field, value: date } });
  checkInstant(field, ms);
}

/**
 * ADAPTER POINT. Attendance is computed from two tables this capability owns:
 * `attendance_shifts` (the schedule: one row per agent shift) and `attendance_segments`
 * (login/logout segments from the switch). Until the live-floor and WFM capabilities write them
 * directly, they are filled by `importAttendance` (POST /api/people/attendance/import, the demo
 * seeder). To read from their tables instead, replace `loadShifts` / `loadSegments` below.
 */
export async function importAttendance(
  db: Db,
  centerId: number,
  input: { shifts: { agentId: number; date: string; start: number; end: number }[]; segments: { agentId: number; login: number; logout: number | null }[] },
  userId: number | null,
  now: number,
) {
  return withTx(db, async (tx) => {
    const ids = [...new Set([...input.shifts.map((s) => s.agentId), ...input.segments.map((s) => s.agentId)])];
    const known = new Set(
      (
        await tx
          .selectFrom('agents')
          .select('id')
          .where('id', 'in', ids.length ? ids : [-1])
          .where('center_id', '=', centerId) // an agent of another center is unknown here
          .execute()
      ).map((r) => r.id),
    );
    input.shifts.forEach((s, i) => {
      if (!known.has(s.agentId)) throw agentMissing(`shifts[${i}].agentId`, s.agentId);
      checkDate(`shifts[${i}].date`, s.date);
      checkInstant(`shifts[${i}].start`, s.start);
      checkInstant(`shifts[${i}].end`, s.end);
      if (s.end <= s.start) throw validationError(`shifts[${i}].end`, 'shift end must be after its start', { reason: 'input.endNotAfterStart', params: {} });
      if (s.end - s.start > MAX_SHIFT_MS)
        throw validationError(`shifts[${i}].end`, `a shift lasts at most 24 h, this one ${Math.round((s.end - s.start) / 3_600_000)} h`, {
          reason: 'people.shiftTooLong',
          params: { field: `shifts[${i}].end` },
        });
      // the local date of the start, in any time zone (UTC−12 … UTC+14), is the shift's date
      const day = Date.parse(`${s.date}T00:00:00Z`);
      if (s.start < day - 14 * HOUR || s.start >= day + 36 * HOUR)
        throw validationError(`shifts[${i}].start`, `${iso(s.start)} is not on ${s.date}`, {
          reason: 'people.shiftNotOnDate',
          params: { field: `shifts[${i}].start`, value: iso(s.start), date: s.date },
        });
    });
    input.segments.forEach((s, i) => {
      if (!known.has(s.agentId)) throw agentMissing(`segments[${i}].agentId`, s.agentId);
      checkInstant(`segments[${i}].login`, s.login);
      if (s.logout !== null) checkInstant(`segments[${i}].logout`, s.logout);
      if (s.logout !== null && s.logout < s.login)
        throw validationError(`segments[${i}].logout`, 'logout is before login', { reason: 'people.logoutBeforeLogin', params: {} });
    });
    for (const [i, s] of input.shifts.entries())
      await uniqueAs(`shifts[${i}]`, `agent ${s.agentId} already has a shift starting at ${iso(s.start)}`, () =>
        tx.insertInto('attendance_shifts').values({ agent_id: s.agentId, date: s.date, start_at: s.start, end_at: s.end }).execute(),
      );
    for (const [i, s] of input.segments.entries())
      await uniqueAs(`segments[${i}]`, `agent ${s.agentId} already has a login at ${iso(s.login)}`, () =>
        tx.insertInto('attendance_segments').values({ agent_id: s.agentId, login_at: s.login, logout_at: s.logout }).execute(),
      );
    await audit(tx, {
      at: now,
      userId,
      action: 'people.attendance.import',
      entity: 'attendance',
      detail: { centerId, shifts: input.shifts.length, segments: input.segments.length },
    });
    return { shifts: input.shifts.length, segments: input.segments.length };
  });
}

/** Which shifts a report reads: a scope (center, teams or own) and / or some teams or agents. */
export interface AttendanceFilter {
  scope?: Scope;
  teamIds?: number[];
  agentIds?: number[];
}

async function loadShifts(db: Db, from: string, to: string, f: AttendanceFilter) {
  let q = db
    .selectFrom('attendance_shifts as s')
    .innerJoin('agents as a', 'a.id', 's.agent_id')
    .select(['s.id', 's.agent_id', 'a.team_id', 's.date', 's.start_at', 's.end_at'])
    .where('s.date', '>=', from)
    .where('s.date', '<=', to);
  if (f.scope) q = q.where(inScope(f.scope, { center: 'a.center_id', team: 'a.team_id', agent: 's.agent_id' }));
  if (f.teamIds) q = q.where('a.team_id', 'in', f.teamIds.length ? f.teamIds : [-1]);
  if (f.agentIds) q = q.where('s.agent_id', 'in', f.agentIds.length ? f.agentIds : [-1]);
  return q.orderBy('s.start_at').execute();
}

async function loadSegments(db: Db, agentIds: number[], fromMs: number, toMs: number) {
  if (!agentIds.length) return [];
  return db
    .selectFrom('attendance_segments')
    .select(['agent_id', 'login_at', 'logout_at'])
    .where('agent_id', 'in', agentIds)
    .where('login_at', '<', toMs)
    .where((eb) => eb.or([eb('logout_at', 'is', null), eb('logout_at', '>', fromMs)]))
    .execute();
}

/** Late / early leave / absence per shift, with totals per agent and per team (dates inclusive). */
export async function attendanceReport(db: Db, from: string, to: string, f: AttendanceFilter, grace: AttendanceGrace) {
  const shifts = await loadShifts(db, from, to, f);
  const agentIds = [...new Set(shifts.map((s) => s.agent_id))];
  const minStart = Math.min(...shifts.map((s) => s.start_at), Date.parse(`${from}T00:00:00Z`));
  const maxEnd = Math.max(...shifts.map((s) => s.end_at), Date.parse(`${addDays(to, 1)}T00:00:00Z`));
  const segs = await loadSegments(db, agentIds, minStart, maxEnd);
  const records = core(() =>
    classifyAttendance(
      shifts.map((s) => ({
        shiftId: String(s.id),
        agentId: String(s.agent_id),
        teamId: String(s.team_id ?? ''),
        date: s.date,
        start: iso(s.start_at),
        end: iso(s.end_at),
      })),
      segs.map((s) => ({ agentId: String(s.agent_id), login: iso(s.login_at), logout: s.logout_at === null ? null : iso(s.logout_at) })),
      grace,
    ),
  );
  return { from, to, records, byAgent: summarizeAttendance(records, 'agent'), byTeam: summarizeAttendance(records, 'team') };
}
