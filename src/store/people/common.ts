import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { forbidden, notFound, validationError } from '../../core/errors';
import {
  defaultAtRiskConfig,
  defaultAttendanceGrace,
  defaultCertificationPolicy,
  defaultExamDefaults,
  defaultLeaveReasons,
  defaultMoodSignalConfig,
  defaultSkillLevels,
  type AtRiskConfig,
  type AttendanceGrace,
  type CertificationPolicy,
  type ExamDefaults,
  type LeaveReason,
  type MoodSignalConfig,
  type SkillLevelCriteria,
} from '../../core/people/defaults';
import { getSetting } from '../org';

export type Db = Kysely<DB>;

/**
 * The people core's refusals reach the caller as they are: PeopleError is a DomainError (kind forbidden
 * or validation, field kept), so the server maps it like any other. Kept as the one seam for the store.
 */
export function toDomain(e: unknown): unknown {
  return e;
}

/** Runs a core call; its PeopleError becomes a DomainError. */
export function core<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toDomain(e);
  }
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

/** Epoch ms of local midnight starting a date in a time zone. */
export function dayStartMs(date: string, timeZone: string): number {
  const utc = Date.parse(`${date}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(utc));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asLocal = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return utc - (asLocal - utc);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** Every number of the people capability a center may change, with the seeds' defaults. */
export interface PeopleConfig {
  signals: MoodSignalConfig;
  attendanceGrace: AttendanceGrace;
  skillLevels: readonly SkillLevelCriteria[];
  atRisk: AtRiskConfig;
  leaveReasons: readonly LeaveReason[];
  exam: ExamDefaults;
  certification: CertificationPolicy;
}

/** Setting keys (settings table, per center). */
export const PEOPLE_SETTING_KEYS = {
  signals: 'people.signals',
  attendanceGrace: 'people.attendanceGrace',
  skillLevels: 'people.skillLevels',
  atRisk: 'people.atRisk',
  leaveReasons: 'people.leaveReasons',
  exam: 'people.exam',
  certification: 'people.certification',
} as const;

export async function peopleConfig(db: Db, centerId: number): Promise<PeopleConfig> {
  const s = async <T>(key: string, def: T): Promise<T> => {
    const v = await getSetting<T>(db, centerId, key);
    if (v === undefined) return def;
    return Array.isArray(def) ? v : { ...def, ...v };
  };
  return {
    signals: await s(PEOPLE_SETTING_KEYS.signals, defaultMoodSignalConfig),
    attendanceGrace: await s(PEOPLE_SETTING_KEYS.attendanceGrace, defaultAttendanceGrace),
    skillLevels: await s(PEOPLE_SETTING_KEYS.skillLevels, defaultSkillLevels),
    atRisk: await s(PEOPLE_SETTING_KEYS.atRisk, defaultAtRiskConfig),
    leaveReasons: await s(PEOPLE_SETTING_KEYS.leaveReasons, defaultLeaveReasons),
    exam: await s(PEOPLE_SETTING_KEYS.exam, defaultExamDefaults),
    certification: await s(PEOPLE_SETTING_KEYS.certification, defaultCertificationPolicy),
  };
}

export async function centerTimezone(db: Db, centerId: number): Promise<string> {
  const c = await db.selectFrom('centers').select('timezone').where('id', '=', centerId).executeTakeFirst();
  return c?.timezone ?? 'Asia/Shanghai';
}

/** The refusal of an agent id that names no agent, next to the field that gave it. */
export const agentMissing = (field: string, agentId: number) =>
  validationError(field, `agent ${agentId} does not exist`, { reason: 'people.agentMissing', params: { agentId } });

/** An agent with their team; a clear error when unknown or without a team. */
export async function agentWithTeam(db: Db, agentId: number, field = 'agentId') {
  const a = await db
    .selectFrom('agents')
    .select(['id', 'center_id', 'team_id', 'name', 'hire_date', 'status', 'left_date'])
    .where('id', '=', agentId)
    .executeTakeFirst();
  if (!a) throw agentMissing(field, agentId);
  return a;
}

/** Who a signed-in user is, for the core's rules. */
export interface Actor {
  userId: number;
  roles: readonly string[];
  agentId: number | null;
  ledTeamIds: readonly number[];
}

export function assertLeadsOrAbove(actor: Actor, teamId: number, above: readonly string[] = ['admin', 'center_manager', 'duty_manager']) {
  if (actor.roles.some((r) => above.includes(r))) return;
  if (actor.roles.includes('team_lead') && actor.ledTeamIds.includes(teamId)) return;
  throw forbidden(`team ${teamId} is not one of your teams`, { reason: 'people.teamNotVisible', params: { teamId } });
}

export const parseJson = <T>(s: string | null, fallback: T): T => (s == null ? fallback : (JSON.parse(s) as T));

export { notFound };
