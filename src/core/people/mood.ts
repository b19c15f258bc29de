/**
 * Mood care (情緒管理): morning check-in, team mood board, emotion cycles, signals that prompt the
 * lead, and who may see which note.
 */
import type { Role } from '../roles';
import { PeopleError, dayNumber, isoWeekday, parseTime, round } from './errors';
import { defaultMonthBands, defaultMoodNames, defaultMoodSignalConfig, type MonthBand, type MoodSignalConfig } from './defaults';

export interface MoodCheckInInput {
  agentId: string;
  teamId: string;
  /** Working date, YYYY-MM-DD. */
  date: string;
  at: string;
  /** 1–5, or a named mood (see defaultMoodNames). */
  mood: number | string;
  note?: string;
}

export interface MoodCheckIn {
  agentId: string;
  teamId: string;
  date: string;
  at: string;
  mood: 1 | 2 | 3 | 4 | 5;
  note?: string;
}

export const MOOD_NOTE_MAX = 500;

/** Validates a check-in; a mood outside 1–5 (or an unknown name) is an error naming `mood`. */
export function validateMoodCheckIn(input: MoodCheckInInput, names: Readonly<Record<string, number>> = defaultMoodNames): MoodCheckIn {
  if (!input.agentId) throw new PeopleError('required', 'agentId', 'agent is required');
  if (!input.teamId) throw new PeopleError('required', 'teamId', 'team is required');
  dayNumber(input.date, 'date');
  parseTime(input.at, 'at');
  let m: number;
  if (typeof input.mood === 'string') {
    const key = input.mood.trim();
    const v = names[key] ?? names[key.toLowerCase()] ?? (/^\d+$/.test(key) ? Number(key) : undefined);
    if (v === undefined)
      throw new PeopleError('bad_mood', 'mood', `unknown mood ${JSON.stringify(input.mood)}; use 1–5 or one of ${Object.keys(names).join(', ')}`);
    m = v;
  } else m = input.mood;
  if (!Number.isInteger(m) || m < 1 || m > 5) throw new PeopleError('bad_mood', 'mood', `mood must be an integer 1–5, got ${JSON.stringify(input.mood)}`);
  if (input.note !== undefined && input.note.length > MOOD_NOTE_MAX) {
    throw new PeopleError('too_long', 'note', `note is longer than ${MOOD_NOTE_MAX} characters`);
  }
  const note = input.note?.trim();
  return { agentId: input.agentId, teamId: input.teamId, date: input.date, at: input.at, mood: m as MoodCheckIn['mood'], ...(note ? { note } : {}) };
}

export interface MoodBoard {
  teamId: string;
  date: string;
  members: { agentId: string; mood: number | null; hasNote: boolean }[];
  checkedIn: number;
  missing: string[];
  average: number | null;
  /** Count per mood value 1–5 (index 0 = mood 1). */
  distribution: [number, number, number, number, number];
  /** Agents at or below the low-mood threshold today. */
  low: string[];
}

/**
 * The team's mood board for a day. Only the agent's latest check-in of the day counts. Notes are
 * not on the board (only `hasNote`); the store shows a note through `canSeeNote`.
 */
export function moodBoard(
  teamId: string,
  date: string,
  members: readonly string[],
  checkIns: readonly MoodCheckIn[],
  cfg: Pick<MoodSignalConfig, 'lowMoodMax'> = defaultMoodSignalConfig,
): MoodBoard {
  const latest = new Map<string, MoodCheckIn>();
  for (const c of checkIns) {
    if (c.date !== date || !members.includes(c.agentId)) continue;
    const prev = latest.get(c.agentId);
    if (!prev || Date.parse(c.at) >= Date.parse(prev.at)) latest.set(c.agentId, c);
  }
  const dist: MoodBoard['distribution'] = [0, 0, 0, 0, 0];
  let sum = 0;
  const rows = members.map((agentId) => {
    const c = latest.get(agentId);
    if (c) {
      dist[c.mood - 1]++;
      sum += c.mood;
    }
    return { agentId, mood: c ? c.mood : null, hasNote: !!c?.note };
  });
  const n = latest.size;
  return {
    teamId,
    date,
    members: rows,
    checkedIn: n,
    missing: rows.filter((r) => r.mood === null).map((r) => r.agentId),
    average: n ? round(sum / n, 2) : null,
    distribution: dist,
    low: rows.filter((r) => r.mood !== null && r.mood <= cfg.lowMoodMax).map((r) => r.agentId),
  };
}

export interface CycleCell {
  count: number;
  average: number | null;
}
export interface EmotionCycle {
  key: string;
  /** ISO weekday 1 = Monday … 7 = Sunday. */
  byWeekday: Record<number, CycleCell>;
  /** Per month band label (上旬 / 中旬 / 下旬 by default). */
  byMonthBand: Record<string, CycleCell>;
}

/** Average mood by weekday and by time of month, per team or per agent. */
export function emotionCycles(checkIns: readonly MoodCheckIn[], by: 'team' | 'agent', bands: readonly MonthBand[] = defaultMonthBands): EmotionCycle[] {
  const acc = new Map<string, { wd: Map<number, [number, number]>; band: Map<string, [number, number]> }>();
  for (const c of checkIns) {
    const key = by === 'team' ? c.teamId : c.agentId;
    let a = acc.get(key);
    if (!a) acc.set(key, (a = { wd: new Map(), band: new Map() }));
    const wd = isoWeekday(c.date);
    const w = a.wd.get(wd) ?? [0, 0];
    a.wd.set(wd, [w[0] + c.mood, w[1] + 1]);
    const dom = Number(c.date.slice(8, 10));
    const b = bands.find((x) => dom >= x.fromDay && dom <= x.toDay);
    if (b) {
      const v = a.band.get(b.label) ?? [0, 0];
      a.band.set(b.label, [v[0] + c.mood, v[1] + 1]);
    }
  }
  const cell = (v: [number, number] | undefined): CycleCell => (v ? { count: v[1], average: round(v[0] / v[1], 2) } : { count: 0, average: null });
  return [...acc.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([key, a]) => {
      const byWeekday: Record<number, CycleCell> = {};
      for (let d = 1; d <= 7; d++) byWeekday[d] = cell(a.wd.get(d));
      const byMonthBand: Record<string, CycleCell> = {};
      for (const b of bands) byMonthBand[b.label] = cell(a.band.get(b.label));
      return { key, byWeekday, byMonthBand };
    });
}

// ---------------------------------------------------------------- signals

export interface CallForCare {
  callId: string;
  agentId: string;
  teamId: string;
  talkS: number;
  complaint?: boolean;
  endedAt: string;
}
export interface NotReadyDay {
  agentId: string;
  teamId: string;
  date: string;
  notReadyS: number;
}

export type PromptKind = 'low_mood_streak' | 'stressful_call' | 'not_ready';
export interface CarePrompt {
  kind: PromptKind;
  agentId: string;
  teamId: string;
  /** Date (YYYY-MM-DD) or timestamp the prompt refers to. */
  at: string;
  /** Human reason for the lead, zh-CN. */
  reason: string;
  /** The evidence: check-in dates, call id, or minutes. */
  evidence: string[];
}

/**
 * Gentle prompts for the lead. A low-mood streak is reported once, when it reaches the configured
 * length (a longer streak does not repeat the prompt; a new streak after a better check-in does).
 */
export function careSignals(
  input: { checkIns?: readonly MoodCheckIn[]; calls?: readonly CallForCare[]; notReady?: readonly NotReadyDay[] },
  cfg: MoodSignalConfig = defaultMoodSignalConfig,
): CarePrompt[] {
  const out: CarePrompt[] = [];
  const byAgent = new Map<string, MoodCheckIn[]>();
  for (const c of input.checkIns ?? []) {
    const l = byAgent.get(c.agentId) ?? [];
    l.push(c);
    byAgent.set(c.agentId, l);
  }
  for (const [agentId, list] of [...byAgent.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => a.date.localeCompare(b.date) || Date.parse(a.at) - Date.parse(b.at));
    let run: MoodCheckIn[] = [];
    for (const c of list) {
      if (c.mood <= cfg.lowMoodMax) {
        run.push(c);
        if (run.length === cfg.lowMoodStreak) {
          out.push({
            kind: 'low_mood_streak',
            agentId,
            teamId: c.teamId,
            at: c.date,
            reason: `连续${cfg.lowMoodStreak}次心情打卡不高于${cfg.lowMoodMax}分,建议1对1谈心`,
            evidence: run.map((r) => `${r.date}:${r.mood}`),
          });
        }
      } else run = [];
    }
  }
  for (const call of input.calls ?? []) {
    const long = call.talkS > cfg.stressfulTalkS;
    if (!long && !call.complaint) continue;
    const why = [long ? `通话${Math.floor(call.talkS / 60)}分${call.talkS % 60}秒,超过${cfg.stressfulTalkS}秒` : '', call.complaint ? '客户投诉' : '']
      .filter(Boolean)
      .join(',');
    out.push({
      kind: 'stressful_call',
      agentId: call.agentId,
      teamId: call.teamId,
      at: call.endedAt,
      reason: `压力来电(${why}),关注情绪,可安排示忙休息`,
      evidence: [call.callId],
    });
  }
  for (const d of input.notReady ?? []) {
    const min = Math.floor(d.notReadyS / 60);
    if (min <= cfg.notReadyMinutesMax) continue;
    out.push({
      kind: 'not_ready',
      agentId: d.agentId,
      teamId: d.teamId,
      at: d.date,
      reason: `示忙${min}分钟,超过${cfg.notReadyMinutesMax}分钟,了解原因`,
      evidence: [`${min}`],
    });
  }
  return out;
}

/** Seed 000 second article: a longer morning meeting on Mondays. */
export function longerBriefing(date: string, cfg: Pick<MoodSignalConfig, 'longerBriefingWeekdays'> = defaultMoodSignalConfig): boolean {
  return cfg.longerBriefingWeekdays.includes(isoWeekday(date));
}

// ---------------------------------------------------------------- privacy

export interface Viewer {
  userId: string;
  roles: readonly Role[];
  /** Teams the viewer belongs to as a member. */
  memberOfTeamIds: readonly string[];
  /** Teams the viewer leads. */
  leadsTeamIds: readonly string[];
}

export type NoteKind =
  /** The lead's private note about an agent (incl. 1-to-1 talk logs). */
  | 'lead_private'
  /** Praise, 1-to-many: shown to the team. */
  | 'praise'
  /** Correction, 1-to-1: only the agent and the lead who wrote it. */
  | 'correction'
  /** The note an agent adds to a mood check-in. */
  | 'checkin';

export interface CareNote {
  kind: NoteKind;
  authorId: string;
  /** The agent the note is about (for praise: the praised agent). */
  agentId: string;
  teamId: string;
}

/** Roles "above" a team lead for notes. */
export const ROLES_ABOVE_LEAD: readonly Role[] = ['admin', 'center_manager', 'duty_manager'];

/**
 * Who sees a note.
 * - lead_private: its author and roles above a lead; never the agent it is about (even one who
 *   also holds a higher role), never other leads, QA, trainers or team mates.
 * - praise: the team (members and its leads), the author, roles above.
 * - correction: only the agent and the author.
 * - checkin: the agent, the team's leads, roles above.
 */
export function canSeeNote(viewer: Viewer, note: CareNote): boolean {
  const above = viewer.roles.some((r) => ROLES_ABOVE_LEAD.includes(r));
  const isAuthor = viewer.userId === note.authorId;
  const isSubject = viewer.userId === note.agentId;
  switch (note.kind) {
    case 'lead_private':
      if (isSubject) return false;
      return isAuthor || above;
    case 'praise':
      return isAuthor || above || viewer.memberOfTeamIds.includes(note.teamId) || viewer.leadsTeamIds.includes(note.teamId);
    case 'correction':
      return isAuthor || isSubject;
    case 'checkin':
      return isSubject || above || (viewer.roles.includes('team_lead') && viewer.leadsTeamIds.includes(note.teamId));
  }
}
