/** Mood care: check-ins, the team board, emotion cycles, care prompts, care notes (with privacy) and employee voice. */
import { conflict, forbidden, notFound, validationError } from '../../core/errors';
import type { Role } from '../../core/roles';
import {
  aggregateSurvey,
  anonymize,
  canSeeNote,
  careSignals,
  emotionCycles,
  moodBoard,
  validateMoodCheckIn,
  type MoodCheckIn,
  type MoodSignalConfig,
  type NoteKind,
  type SurveyQuestion,
  type Viewer,
  type VoiceKind,
} from '../../core/people';
import { audit } from '../audit';
import { withTx } from '../db';
import { uniqueAs } from '../errors';
import { agentWithTeam, core, iso, localDate, parseJson, type Actor, type Db } from './common';
import { inScope, type Scope } from '../scope';

export async function checkIn(db: Db, agentId: number, input: { mood: number | string; note?: string }, at: number, timeZone: string) {
  const agent = await agentWithTeam(db, agentId);
  if (agent.team_id == null)
    throw validationError('agentId', 'you are not in a team yet, so there is no mood board to check in to', { reason: 'people.selfNoTeam', params: {} });
  const date = localDate(at, timeZone);
  const c = core(() => validateMoodCheckIn({ agentId: String(agentId), teamId: String(agent.team_id), date, at: iso(at), mood: input.mood, note: input.note }));
  const row = await db
    .insertInto('people_mood_checkins')
    .values({ agent_id: agentId, team_id: agent.team_id, date, at, mood: c.mood, note: c.note ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, date, mood: c.mood };
}

type CheckRow = { agent_id: number; team_id: number; date: string; at: number; mood: number; note: string | null };
const toCheckIn = (r: CheckRow): MoodCheckIn => ({
  agentId: String(r.agent_id),
  teamId: String(r.team_id),
  date: r.date,
  at: iso(r.at),
  mood: r.mood as MoodCheckIn['mood'],
  ...(r.note ? { note: r.note } : {}),
});

/** Which check-ins: a scope (its center through the agent; its teams or own agent on the check-in), some teams or agents, dates. */
export interface CheckInFilter {
  scope?: Scope;
  teamIds?: number[];
  agentIds?: number[];
  from: string;
  to: string;
}

export async function checkIns(db: Db, f: CheckInFilter) {
  let q = db.selectFrom('people_mood_checkins').selectAll().where('date', '>=', f.from).where('date', '<=', f.to);
  const scope = f.scope;
  if (scope) {
    q = q.where('agent_id', 'in', db.selectFrom('agents').select('id').where('center_id', '=', scope.centerId));
    q = q.where(inScope(scope, { team: 'team_id', agent: 'agent_id' }));
  }
  if (f.teamIds) q = q.where('team_id', 'in', f.teamIds.length ? f.teamIds : [-1]);
  if (f.agentIds) q = q.where('agent_id', 'in', f.agentIds.length ? f.agentIds : [-1]);
  return q.orderBy('at').execute();
}

/** The agent's own check-ins (most recent first). */
export async function myCheckIns(db: Db, agentId: number, limit = 14) {
  return db
    .selectFrom('people_mood_checkins')
    .select(['id', 'date', 'at', 'mood', 'note'])
    .where('agent_id', '=', agentId)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The team's board for a day. A check-in note is shown only to whoever `canSeeNote` allows
 * (the agent, the team's lead, roles above a lead); everyone else gets `hasNote` only.
 */
export async function teamMoodBoard(db: Db, teamId: number, date: string, viewer: Viewer, cfg: MoodSignalConfig) {
  const members = await db
    .selectFrom('agents')
    .select(['id', 'name'])
    .where('team_id', '=', teamId)
    .where('status', '=', 'active')
    .orderBy('employee_no')
    .execute();
  const rows = await checkIns(db, { teamIds: [teamId], from: date, to: date });
  const board = moodBoard(
    String(teamId),
    date,
    members.map((m) => String(m.id)),
    rows.map(toCheckIn),
    cfg,
  );
  const latest = new Map<number, CheckRow>();
  for (const r of rows) latest.set(r.agent_id, r);
  const users = await subjectUsers(
    db,
    members.map((m) => m.id),
  );
  return {
    ...board,
    members: board.members.map((m) => {
      const id = Number(m.agentId);
      const note = latest.get(id)?.note ?? null;
      const visible = note && canSeeNote(viewer, { kind: 'checkin', authorId: subjectKey(id, users), agentId: subjectKey(id, users), teamId: String(teamId) });
      return { ...m, agentId: id, name: members.find((x) => x.id === id)?.name ?? '', note: visible ? note : null };
    }),
    missing: board.missing.map(Number),
    low: board.low.map(Number),
  };
}

export async function moodCycles(db: Db, f: CheckInFilter, by: 'team' | 'agent') {
  const rows = await checkIns(db, f);
  return emotionCycles(rows.map(toCheckIn), by);
}

/** Gentle prompts for the lead: low-mood streaks from check-ins (stressful calls and not-ready come from the live floor when it exists). */
export async function carePrompts(db: Db, f: CheckInFilter, cfg: MoodSignalConfig) {
  const rows = await checkIns(db, f);
  const prompts = careSignals({ checkIns: rows.map(toCheckIn) }, cfg);
  const names = new Map(
    (
      await db
        .selectFrom('agents')
        .select(['id', 'name'])
        .where('id', 'in', [...new Set(rows.map((r) => r.agent_id)), -1])
        .execute()
    ).map((a) => [a.id, a.name]),
  );
  return prompts.map((p) => ({ ...p, agentId: Number(p.agentId), teamId: Number(p.teamId), agentName: names.get(Number(p.agentId)) ?? '' }));
}

// ---------------------------------------------------------------- care notes and privacy

async function subjectUsers(db: Db, agentIds: number[]): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'agent_id'])
    .where('agent_id', 'in', agentIds.length ? agentIds : [-1])
    .execute();
  return new Map(rows.map((r) => [r.agent_id!, r.id]));
}
/** Notes speak of users: an agent is the user linked to them (or a key no user has). */
const subjectKey = (agentId: number, users: Map<number, number>) => (users.has(agentId) ? `u${users.get(agentId)}` : `agent:${agentId}`);

/** The core's viewer for a signed-in user. */
export async function viewerOf(db: Db, actor: Actor): Promise<Viewer> {
  let member: string[] = [];
  if (actor.agentId != null) {
    const a = await db.selectFrom('agents').select('team_id').where('id', '=', actor.agentId).executeTakeFirst();
    if (a?.team_id != null) member = [String(a.team_id)];
  }
  return { userId: `u${actor.userId}`, roles: actor.roles as Role[], memberOfTeamIds: member, leadsTeamIds: actor.ledTeamIds.map(String) };
}

export type CareKind = Exclude<NoteKind, 'checkin'>;

/** A 1-to-1 talk log / private note (lead_private), praise (1-to-many) or correction (1-to-1). */
export async function addCareNote(
  db: Db,
  n: { kind: CareKind; agentId: number; text: string; followUp?: string; followUpOn?: string },
  actor: Actor,
  now: number,
) {
  return withTx(db, async (tx) => {
    const agent = await agentWithTeam(tx, n.agentId);
    if (agent.team_id == null)
      throw validationError('agentId', `agent ${n.agentId} has no team`, { reason: 'people.agentNoTeam', params: { agentId: n.agentId } });
    const above = actor.roles.some((r) => ['admin', 'center_manager', 'duty_manager'].includes(r));
    if (!above && !actor.ledTeamIds.includes(agent.team_id))
      throw forbidden(`agent ${n.agentId} is not in a team you lead`, { reason: 'people.agentNotVisible', params: { agentId: n.agentId } });
    const row = await tx
      .insertInto('people_care_notes')
      .values({
        kind: n.kind,
        author_id: actor.userId,
        agent_id: n.agentId,
        team_id: agent.team_id,
        text: n.text,
        follow_up: n.followUp ?? null,
        follow_up_on: n.followUpOn ?? null,
        at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // the audit says that a note was written, never what it says
    await audit(tx, { at: now, userId: actor.userId, action: `people.note.${n.kind}`, entity: 'agent', entityId: n.agentId, detail: { noteId: row.id } });
    return { id: row.id };
  });
}

/** Notes the viewer may see (filtered by the core's `canSeeNote`), newest first. */
export async function listCareNotes(db: Db, actor: Actor, centerId: number, f: { agentId?: number; teamId?: number } = {}) {
  let q = db
    .selectFrom('people_care_notes as n')
    .innerJoin('agents as a', 'a.id', 'n.agent_id')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .select([
      'n.id',
      'n.kind',
      'n.author_id',
      'u.display_name as author_name',
      'n.agent_id',
      'a.name as agent_name',
      'n.team_id',
      'n.text',
      'n.follow_up',
      'n.follow_up_on',
      'n.follow_up_done',
      'n.at',
    ])
    .where('a.center_id', '=', centerId)
    .orderBy('n.at', 'desc')
    .limit(500);
  if (f.agentId) q = q.where('n.agent_id', '=', f.agentId);
  if (f.teamId) q = q.where('n.team_id', '=', f.teamId);
  const rows = await q.execute();
  const viewer = await viewerOf(db, actor);
  const users = await subjectUsers(db, [...new Set(rows.map((r) => r.agent_id))]);
  return rows.filter((r) =>
    canSeeNote(viewer, { kind: r.kind as NoteKind, authorId: `u${r.author_id}`, agentId: subjectKey(r.agent_id, users), teamId: String(r.team_id) }),
  );
}

export async function completeFollowUp(db: Db, noteId: number, actor: Actor, now: number) {
  return withTx(db, async (tx) => {
    const n = await tx.selectFrom('people_care_notes').selectAll().where('id', '=', noteId).executeTakeFirst();
    if (!n || n.author_id !== actor.userId) throw notFound('note', noteId);
    await tx.updateTable('people_care_notes').set({ follow_up_done: 1 }).where('id', '=', noteId).execute();
    await audit(tx, { at: now, userId: actor.userId, action: 'people.note.followup_done', entity: 'agent', entityId: n.agent_id, detail: { noteId } });
  });
}

// ---------------------------------------------------------------- employee voice

/** Stores only what the core's `anonymize` keeps: an anonymous post has no author, team or time of day. */
export async function postVoice(
  db: Db,
  centerId: number,
  p: { kind: VoiceKind; text: string; category?: string; anonymous: boolean },
  actor: Actor,
  teamId: number | null,
  now: number,
) {
  const v = core(() => anonymize({ ...p, authorId: String(actor.userId), teamId: teamId == null ? undefined : String(teamId), at: iso(now) }));
  const row = await db
    .insertInto('people_voice_posts')
    .values({
      center_id: centerId,
      kind: v.kind,
      text: v.text,
      category: v.category,
      anonymous: v.anonymous ? 1 : 0,
      author_id: v.anonymous ? null : actor.userId,
      team_id: v.anonymous ? null : teamId,
      date: v.anonymous ? v.date : v.at.slice(0, 10),
      reply: null,
      replied_by: null,
      replied_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

export async function listVoice(db: Db, centerId: number) {
  return db
    .selectFrom('people_voice_posts as p')
    .leftJoin('users as a', 'a.id', 'p.author_id')
    .leftJoin('users as r', 'r.id', 'p.replied_by')
    .select([
      'p.id',
      'p.kind',
      'p.text',
      'p.category',
      'p.anonymous',
      'p.date',
      'a.display_name as author_name',
      'p.reply',
      'r.display_name as replied_by_name',
      'p.replied_at',
    ])
    .where('p.center_id', '=', centerId)
    .orderBy('p.id', 'desc')
    .limit(300)
    .execute();
}

export async function replyVoice(db: Db, centerId: number, id: number, reply: string, userId: number, now: number) {
  return withTx(db, async (tx) => {
    const r = await tx
      .updateTable('people_voice_posts')
      .set({ reply, replied_by: userId, replied_at: now })
      .where('id', '=', id)
      .where('center_id', '=', centerId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound('post', id);
    await audit(tx, { at: now, userId, action: 'people.voice.reply', entity: 'voice', entityId: id });
  });
}

// ---------------------------------------------------------------- surveys

/** A survey's questions as the core reads them: ids once each, a scale's top above its bottom. */
function checkSurveyQuestions(questions: SurveyQuestion[], invited: number) {
  core(() => aggregateSurvey({ id: 'new', questions }, [], invited));
  const ids = new Set<string>();
  questions.forEach((q, i) => {
    if (ids.has(q.id)) throw validationError(`questions.${i}.id`, `duplicate question id ${q.id}`, { reason: 'input.duplicate', params: { value: q.id } });
    ids.add(q.id);
    if (q.kind === 'scale' && !(q.max > q.min))
      throw validationError(`questions.${i}.max`, 'max must be above min', { reason: 'people.scaleMaxNotAboveMin', params: { min: q.min } });
  });
}

export async function createSurvey(db: Db, centerId: number, s: { title: string; questions: SurveyQuestion[]; invited: number }, userId: number, now: number) {
  checkSurveyQuestions(s.questions, s.invited);
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('people_surveys')
      .values({ center_id: centerId, title: s.title, questions: JSON.stringify(s.questions), invited: s.invited, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'people.survey.create', entity: 'survey', entityId: row.id, detail: { title: s.title } });
    return { id: row.id };
  });
}

/** A survey of the center with how many answers it has (another center's is not found). */
async function surveyWithAnswers(tx: Db, centerId: number, id: number) {
  const s = await tx.selectFrom('people_surveys').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  if (!s) throw notFound('survey', id);
  const { n } = await tx
    .selectFrom('people_survey_responses')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('survey_id', '=', id)
    .executeTakeFirstOrThrow();
  return { s, answers: Number(n) };
}

const answeredRefusal = (count: number) =>
  conflict(`this survey has ${count} answer(s): its questions are kept`, 'questions', { reason: 'people.surveyHasAnswers', params: { count } });

/**
 * Changes a survey's title, invited count or open state; its questions only while nobody has answered
 * (the answers are read against them), refused naming the answers after.
 */
export async function updateSurvey(
  db: Db,
  centerId: number,
  id: number,
  p: { title?: string; questions?: SurveyQuestion[]; invited?: number; open?: boolean },
  userId: number,
  now: number,
) {
  return withTx(db, async (tx) => {
    const { s, answers } = await surveyWithAnswers(tx, centerId, id);
    if (p.questions && answers > 0 && JSON.stringify(p.questions) !== s.questions) throw answeredRefusal(answers);
    if (p.questions) checkSurveyQuestions(p.questions, p.invited ?? s.invited);
    const next = {
      title: p.title ?? s.title,
      questions: p.questions ? JSON.stringify(p.questions) : s.questions,
      invited: p.invited ?? s.invited,
      open: p.open === undefined ? s.open : p.open ? 1 : 0,
    };
    await tx.updateTable('people_surveys').set(next).where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.survey.update', entity: 'survey', entityId: id, detail: { before: s, after: next } });
    return { ok: true as const };
  });
}

/** Deletes a survey nobody has answered; one with answers is refused (close it instead). */
export async function deleteSurvey(db: Db, centerId: number, id: number, userId: number, now: number) {
  return withTx(db, async (tx) => {
    const { s, answers } = await surveyWithAnswers(tx, centerId, id);
    if (answers > 0) throw answeredRefusal(answers);
    await tx.deleteFrom('people_survey_participants').where('survey_id', '=', id).execute();
    await tx.deleteFrom('people_surveys').where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.survey.delete', entity: 'survey', entityId: id, detail: s });
    return { ok: true as const };
  });
}

export async function listSurveys(db: Db, centerId: number, userId: number) {
  const rows = await db.selectFrom('people_surveys').selectAll().where('center_id', '=', centerId).orderBy('id', 'desc').execute();
  const mine = new Set((await db.selectFrom('people_survey_participants').select('survey_id').where('user_id', '=', userId).execute()).map((r) => r.survey_id));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    questions: parseJson<SurveyQuestion[]>(r.questions, []),
    invited: r.invited,
    open: r.open === 1,
    answered: mine.has(r.id),
  }));
}

/** One answer per user; the answers are stored apart from who answered. */
export async function answerSurvey(db: Db, centerId: number, surveyId: number, userId: number, answers: Record<string, number | number[] | string>) {
  return withTx(db, async (tx) => {
    const s = await tx.selectFrom('people_surveys').selectAll().where('id', '=', surveyId).where('center_id', '=', centerId).executeTakeFirst();
    if (!s) throw notFound('survey', surveyId);
    if (s.open !== 1) throw validationError('surveyId', 'this survey is closed', { reason: 'people.surveyClosed', params: {} });
    const questions = parseJson<SurveyQuestion[]>(s.questions, []);
    for (const k of Object.keys(answers))
      if (!questions.some((q) => q.id === k))
        throw validationError(`answers.${k}`, 'not a question of this survey', { reason: 'people.notSurveyQuestion', params: { question: k } });
    core(() => aggregateSurvey({ id: String(surveyId), questions }, [{ answers }], 1));
    await uniqueAs('surveyId', 'you have already answered this survey', () =>
      tx.insertInto('people_survey_participants').values({ survey_id: surveyId, user_id: userId }).execute(),
    );
    await tx
      .insertInto('people_survey_responses')
      .values({ survey_id: surveyId, answers: JSON.stringify(answers) })
      .execute();
  });
}

export async function surveyResults(db: Db, centerId: number, surveyId: number) {
  const s = await db.selectFrom('people_surveys').selectAll().where('id', '=', surveyId).where('center_id', '=', centerId).executeTakeFirst();
  if (!s) throw notFound('survey', surveyId);
  const questions = parseJson<SurveyQuestion[]>(s.questions, []);
  const responses = await db.selectFrom('people_survey_responses').select('answers').where('survey_id', '=', surveyId).execute();
  const invited = Math.max(s.invited, responses.length);
  return {
    title: s.title,
    definition: questions,
    ...core(() =>
      aggregateSurvey(
        { id: String(surveyId), questions },
        responses.map((r) => ({ answers: JSON.parse(r.answers) })),
        invited,
      ),
    ),
  };
}
