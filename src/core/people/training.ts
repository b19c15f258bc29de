/**
 * Training and certification (培訓 / 認證): exam marking with a time limit, queue certification
 * with expiry and warnings, the go-live gate, and skill levels (初级 / 中级 / 高级).
 */
import { PeopleError, parseTime, round } from './errors';
import { hashString, mulberry32 } from '../random';
import {
  defaultCertificationPolicy,
  defaultExamDefaults,
  defaultSkillLevels,
  type CertificationPolicy,
  type MultiplePolicy,
  type SkillLevelCriteria,
  type SkillLevelName,
} from './defaults';

export type Question =
  | { id: string; kind: 'single'; text: string; options: readonly string[]; answer: number; points: number }
  | { id: string; kind: 'multiple'; text: string; options: readonly string[]; answers: readonly number[]; points: number }
  | { id: string; kind: 'true_false'; text: string; answer: boolean; points: number }
  | { id: string; kind: 'short'; text: string; points: number };

export interface Exam {
  id: string;
  title: string;
  /** The queue this exam certifies for, if any. */
  queueId?: string;
  questionIds: readonly string[];
  timeLimitMin: number;
  /** Percent of the maximum needed to pass. */
  passPercent: number;
  graceS?: number;
  multiplePolicy?: MultiplePolicy;
}

/** Answers by question id: option index, option indexes, boolean, or free text. */
export type Answer = number | readonly number[] | boolean | string;

export interface Submission {
  examId: string;
  agentId: string;
  startedAt: string;
  submittedAt: string;
  answers: Readonly<Record<string, Answer>>;
}

export interface QuestionMark {
  questionId: string;
  points: number;
  max: number;
  /** null while a short answer awaits a trainer. */
  awarded: number | null;
}

export interface ExamResult {
  examId: string;
  agentId: string;
  submittedAt: string;
  marks: QuestionMark[];
  max: number;
  /** Sum of marked points so far. */
  score: number;
  /** Question ids awaiting trainer marking. */
  pendingManual: string[];
  percent: number | null;
  status: 'pending_manual' | 'passed' | 'failed';
  passPercent: number;
}

function finish(r: Omit<ExamResult, 'score' | 'percent' | 'status' | 'pendingManual'>): ExamResult {
  const pending = r.marks.filter((m) => m.awarded === null).map((m) => m.questionId);
  const score = r.marks.reduce((s, m) => s + (m.awarded ?? 0), 0);
  const percent = pending.length ? null : r.max > 0 ? round((score / r.max) * 100, 2) : 0;
  const status = pending.length ? 'pending_manual' : (percent ?? 0) >= r.passPercent ? 'passed' : 'failed';
  return { ...r, score, pendingManual: pending, percent, status };
}

function markOne(q: Question, a: Answer | undefined, policy: MultiplePolicy): number | null {
  switch (q.kind) {
    case 'single':
      return a === q.answer ? q.points : 0;
    case 'true_false':
      return a === q.answer ? q.points : 0;
    case 'multiple': {
      if (!Array.isArray(a)) return 0;
      const picked = new Set(a as readonly number[]);
      const right = new Set(q.answers);
      const rightPicked = [...picked].filter((x) => right.has(x)).length;
      const wrongPicked = picked.size - rightPicked;
      if (policy === 'all_or_nothing') return rightPicked === right.size && wrongPicked === 0 ? q.points : 0;
      return (q.points * Math.max(0, rightPicked - wrongPicked)) / right.size;
    }
    case 'short':
      return null;
  }
}

/**
 * Marks a submission automatically. Rejects a submission after startedAt + time limit + grace
 * (default 30 s) with a `late_submission` error on `submittedAt`; short answers stay pending
 * until `applyTrainerMarks`. Multiple choice is all-or-nothing unless the exam says `partial`.
 */
export function markSubmission(exam: Exam, bank: readonly Question[], sub: Submission): ExamResult {
  if (sub.examId !== exam.id) throw new PeopleError('wrong_exam', 'examId', `submission is for exam ${sub.examId}, not ${exam.id}`);
  const start = parseTime(sub.startedAt, 'startedAt');
  const end = parseTime(sub.submittedAt, 'submittedAt');
  if (end < start) throw new PeopleError('bad_time', 'submittedAt', 'submitted before it started');
  const graceS = exam.graceS ?? defaultExamDefaults.graceS;
  const deadline = start + exam.timeLimitMin * 60_000 + graceS * 1000;
  if (end > deadline) {
    const overS = Math.ceil((end - start) / 1000) - exam.timeLimitMin * 60;
    throw new PeopleError(
      'late_submission',
      'submittedAt',
      `submitted ${Math.floor(overS / 60)} min ${overS % 60} s after the ${exam.timeLimitMin}-minute limit (grace ${graceS} s); not accepted`,
    );
  }
  const policy = exam.multiplePolicy ?? defaultExamDefaults.multiplePolicy;
  const byId = new Map(bank.map((q) => [q.id, q]));
  const marks = exam.questionIds.map((id) => {
    const q = byId.get(id);
    if (!q) throw new PeopleError('unknown_question', 'questionIds', `exam ${exam.id} names unknown question ${id}`);
    return { questionId: id, points: q.points, max: q.points, awarded: markOne(q, sub.answers[id], policy) };
  });
  const max = marks.reduce((s, m) => s + m.max, 0);
  return finish({ examId: exam.id, agentId: sub.agentId, submittedAt: sub.submittedAt, marks, max, passPercent: exam.passPercent });
}

/** A trainer's marks for short answers (0 … question points). Returns the completed result. */
export function applyTrainerMarks(result: ExamResult, marks: Readonly<Record<string, number>>): ExamResult {
  const next = result.marks.map((m) => {
    if (!(m.questionId in marks)) return m;
    if (m.awarded !== null)
      throw new PeopleError('already_marked', `marks.${m.questionId}`, 'question is marked automatically', { reason: 'people.questionAutoMarked', params: {} });
    const v = marks[m.questionId]!;
    if (!Number.isFinite(v) || v < 0 || v > m.max)
      throw new PeopleError('bad_mark', `marks.${m.questionId}`, `mark must be 0–${m.max}, got ${v}`, {
        reason: 'people.markOutOfRange',
        params: { max: m.max },
      });
    return { ...m, awarded: v };
  });
  for (const k of Object.keys(marks)) {
    if (!result.marks.some((m) => m.questionId === k))
      throw new PeopleError('unknown_question', `marks.${k}`, 'not a question of this exam', { reason: 'people.notExamQuestion', params: {} });
  }
  return finish({
    examId: result.examId,
    agentId: result.agentId,
    submittedAt: result.submittedAt,
    marks: next,
    max: result.max,
    passPercent: result.passPercent,
  });
}

// ---------------------------------------------------------------- attempts: limit, cool-down, shuffling, marks shown

export interface AttemptLimits {
  maxAttempts: number;
  cooldownHours: number;
}

export interface PastAttempt {
  startedAt: number;
  /** null while the attempt is open (or was abandoned). */
  submittedAt: number | null;
  timeLimitMin: number;
}

export interface AttemptState {
  used: number;
  left: number;
  /** Epoch ms from which the next attempt may start (null: now, or never when none is left). */
  nextAt: number | null;
}

/**
 * Where an agent stands at an exam: attempts used / left and when the next may start. The cool-down
 * runs from the end of the latest attempt (its submission, or start + time limit if never submitted).
 */
export function attemptState(limits: AttemptLimits, past: readonly PastAttempt[], now: number): AttemptState {
  const used = past.length;
  const left = Math.max(0, limits.maxAttempts - used);
  if (!used || !left) return { used, left, nextAt: null };
  const lastEnd = Math.max(...past.map((a) => a.submittedAt ?? a.startedAt + a.timeLimitMin * 60_000));
  const nextAt = lastEnd + limits.cooldownHours * 3_600_000;
  return { used, left, nextAt: nextAt > now ? nextAt : null };
}

/** Refuses a new attempt when none is left or the cool-down is running (PeopleError codes `attempts_exhausted`, `cooldown`). */
export function assertMayStart(limits: AttemptLimits, past: readonly PastAttempt[], now: number): AttemptState {
  const st = attemptState(limits, past, now);
  if (st.left === 0) throw new PeopleError('attempts_exhausted', 'examId', `all ${limits.maxAttempts} attempts at this exam are used`);
  if (st.nextAt !== null)
    throw new PeopleError('cooldown', 'examId', `the next attempt may start at ${new Date(st.nextAt).toISOString()} (cool-down ${limits.cooldownHours} h)`);
  return st;
}

/** Per-question marks are shown to the agent only after their last allowed attempt, or once the trainer releases them. */
export function marksVisible(limits: AttemptLimits, attemptsUsed: number, released: boolean): boolean {
  return released || attemptsUsed >= limits.maxAttempts;
}

/** What one attempt shows: the question order, and per choice question the original option index at each shown position. */
export interface AttemptLayout {
  questionIds: string[];
  options: Record<string, number[]>;
}

/** Fisher–Yates with the core's PRNG. */
function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The shuffled layout of an attempt, reproducible from its id (seeded mulberry32). */
export function attemptLayout(attemptId: string, questionIds: readonly string[], bank: readonly Question[]): AttemptLayout {
  const rnd = mulberry32(hashString(`exam-attempt:${attemptId}`));
  const order = shuffled(questionIds, rnd);
  const byId = new Map(bank.map((q) => [q.id, q]));
  const options: Record<string, number[]> = {};
  for (const id of order) {
    const q = byId.get(id);
    if (q && (q.kind === 'single' || q.kind === 'multiple'))
      options[id] = shuffled(
        q.options.map((_, i) => i),
        rnd,
      );
  }
  return { questionIds: order, options };
}

/** Maps answers given on the shuffled options (shown positions) back to the original option indexes. */
export function unshuffleAnswers(layout: AttemptLayout, answers: Readonly<Record<string, Answer>>): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const [id, a] of Object.entries(answers)) {
    const perm = layout.options[id];
    if (!perm) out[id] = a;
    else if (typeof a === 'number') out[id] = perm[a] ?? -1;
    else if (Array.isArray(a)) out[id] = (a as readonly number[]).map((x) => perm[x] ?? -1);
    else out[id] = a;
  }
  return out;
}

// ---------------------------------------------------------------- certification

export interface Certification {
  agentId: string;
  queueId: string;
  examId: string;
  passedAt: string;
  validUntil: string;
  percent: number;
}

const DAY = 86_400_000;

/**
 * Issues a queue certification from a passed exam result. Errors: unknown queue (field queueId),
 * a result that is not `passed`.
 */
export function certify(
  result: ExamResult,
  queueId: string,
  knownQueueIds: readonly string[],
  policy: CertificationPolicy = defaultCertificationPolicy,
): Certification {
  if (!knownQueueIds.includes(queueId)) throw new PeopleError('unknown_queue', 'queueId', `unknown queue ${JSON.stringify(queueId)}`);
  if (result.status !== 'passed') throw new PeopleError('not_passed', 'result', `exam ${result.examId} is ${result.status}, not passed`);
  const passed = parseTime(result.submittedAt, 'submittedAt');
  return {
    agentId: result.agentId,
    queueId,
    examId: result.examId,
    passedAt: new Date(passed).toISOString(),
    validUntil: new Date(passed + policy.validityDays * DAY).toISOString(),
    percent: result.percent ?? 0,
  };
}

export type GoLive = { ok: true; certification: Certification } | { ok: false; reason: 'not_certified' | 'expired'; message: string };

/** Whether an agent may be set live on a queue now: needs a certification valid at `now` (now < validUntil). */
export function canGoLive(agentId: string, queueId: string, certs: readonly Certification[], now: string): GoLive {
  const t = parseTime(now, 'now');
  const mine = certs.filter((c) => c.agentId === agentId && c.queueId === queueId).sort((a, b) => Date.parse(b.validUntil) - Date.parse(a.validUntil));
  const best = mine[0];
  if (!best) return { ok: false, reason: 'not_certified', message: `agent ${agentId} has not passed the certification for queue ${queueId}` };
  if (Date.parse(best.validUntil) <= t) {
    return { ok: false, reason: 'expired', message: `agent ${agentId}'s certification for queue ${queueId} lapsed on ${best.validUntil}; re-certify first` };
  }
  return { ok: true, certification: best };
}

export interface CertWarning {
  agentId: string;
  queueId: string;
  validUntil: string;
  /** Whole days left (rounded down); negative once lapsed. */
  daysLeft: number;
  status: 'expiring' | 'expired';
}

/**
 * Certifications lapsing within `warnDays` of `now`, and lapsed ones, using the latest certification
 * per agent and queue (a renewed certification silences the warning). Soonest first.
 */
export function certificationWarnings(certs: readonly Certification[], now: string, warnDays = defaultCertificationPolicy.warnDays): CertWarning[] {
  const t = parseTime(now, 'now');
  const latest = new Map<string, Certification>();
  for (const c of certs) {
    const k = `${c.agentId}\u0000${c.queueId}`;
    const p = latest.get(k);
    if (!p || Date.parse(c.validUntil) > Date.parse(p.validUntil)) latest.set(k, c);
  }
  const out: CertWarning[] = [];
  for (const c of latest.values()) {
    const left = Date.parse(c.validUntil) - t;
    if (left > warnDays * DAY) continue;
    out.push({
      agentId: c.agentId,
      queueId: c.queueId,
      validUntil: c.validUntil,
      daysLeft: Math.floor(left / DAY),
      status: left <= 0 ? 'expired' : 'expiring',
    });
  }
  return out.sort((a, b) => Date.parse(a.validUntil) - Date.parse(b.validUntil));
}

// ---------------------------------------------------------------- skill levels

/** Whole months between two YYYY-MM-DD dates (a month counts once its day-of-month is reached). */
export function tenureMonths(hiredOn: string, on: string): number {
  const [y1, m1, d1] = hiredOn.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = on.split('-').map(Number) as [number, number, number];
  let m = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1) m--;
  return Math.max(0, m);
}

export interface SkillInput {
  tenureMonths: number;
  /** Average exam percent; null when no exam yet. */
  examAvg: number | null;
  /** Average QA score 0–100; null when not yet evaluated. */
  qaAvg: number | null;
}

export interface SkillLevelResult {
  level: SkillLevelName | null;
  /** The next level and what is missing for it, or null at the top. */
  next: { level: SkillLevelName; missing: string[] } | null;
}

/**
 * The highest level whose every criterion the agent meets (levels are cumulative: a level is
 * reached only if all lower levels are). A null exam or QA average meets only a minimum of 0.
 */
export function skillLevel(input: SkillInput, levels: readonly SkillLevelCriteria[] = defaultSkillLevels): SkillLevelResult {
  const missingFor = (c: SkillLevelCriteria): string[] => {
    const m: string[] = [];
    if (input.tenureMonths < c.minTenureMonths) m.push(`入职满${c.minTenureMonths}个月(现${input.tenureMonths}个月)`);
    if ((input.examAvg ?? (c.minExamAvg > 0 ? -1 : 0)) < c.minExamAvg) m.push(`考试平均≥${c.minExamAvg}(现${input.examAvg ?? '无'})`);
    if ((input.qaAvg ?? (c.minQaAvg > 0 ? -1 : 0)) < c.minQaAvg) m.push(`质检平均≥${c.minQaAvg}(现${input.qaAvg ?? '无'})`);
    return m;
  };
  let level: SkillLevelName | null = null;
  for (const c of levels) {
    const miss = missingFor(c);
    if (miss.length) return { level, next: { level: c.level, missing: miss } };
    level = c.level;
  }
  return { level, next: null };
}
