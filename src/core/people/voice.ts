/**
 * Employee voice (員工之聲): anonymous suggestions and complaints, and satisfaction surveys.
 * The store keeps no author for an anonymous post: it stores only what `anonymize` returns.
 */
import { PeopleError, parseTime, round } from './errors';

export type VoiceKind = 'suggestion' | 'complaint' | 'praise' | 'question';

export interface VoiceSubmission {
  kind: VoiceKind;
  text: string;
  category?: string;
  anonymous: boolean;
  authorId: string;
  teamId?: string;
  at: string;
  /** Anything else the client sent (device, name, ip …) is dropped. */
  [extra: string]: unknown;
}

export type VoicePost =
  | { anonymous: true; kind: VoiceKind; text: string; category: string | null; date: string }
  | { anonymous: false; kind: VoiceKind; text: string; category: string | null; at: string; authorId: string; teamId: string | null };

export const VOICE_TEXT_MAX = 2000;

/**
 * What may be stored for a post. An anonymous post keeps only kind, text, category and the date
 * (the time of day is dropped, since it can identify the author on a small shift); author, team and
 * every other field are removed. The text itself is kept as written (the author is told so).
 */
export function anonymize(sub: VoiceSubmission): VoicePost {
  const kinds: VoiceKind[] = ['suggestion', 'complaint', 'praise', 'question'];
  if (!kinds.includes(sub.kind)) throw new PeopleError('bad_kind', 'kind', `kind must be one of ${kinds.join(', ')}`);
  const text = typeof sub.text === 'string' ? sub.text.trim() : '';
  if (!text) throw new PeopleError('required', 'text', 'text is required');
  if (text.length > VOICE_TEXT_MAX) throw new PeopleError('too_long', 'text', `text is longer than ${VOICE_TEXT_MAX} characters`);
  const t = parseTime(sub.at, 'at');
  const category = sub.category?.trim() || null;
  if (sub.anonymous) return { anonymous: true, kind: sub.kind, text, category, date: new Date(t).toISOString().slice(0, 10) };
  if (!sub.authorId) throw new PeopleError('required', 'authorId', 'a named post needs its author');
  return { anonymous: false, kind: sub.kind, text, category, at: sub.at, authorId: sub.authorId, teamId: sub.teamId ?? null };
}

export type SurveyQuestion =
  | { id: string; kind: 'single'; text: string; options: readonly string[] }
  | { id: string; kind: 'multiple'; text: string; options: readonly string[] }
  | { id: string; kind: 'scale'; text: string; min: number; max: number }
  | { id: string; kind: 'text'; text: string };

export interface Survey {
  id: string;
  questions: readonly SurveyQuestion[];
}

export interface SurveyResponse {
  /** Option index (single), indexes (multiple), integer (scale), text. Missing = skipped. */
  answers: Readonly<Record<string, number | readonly number[] | string>>;
}

export type QuestionResult =
  | { id: string; kind: 'single' | 'multiple'; answered: number; counts: number[] }
  | { id: string; kind: 'scale'; answered: number; counts: number[]; mean: number | null }
  | { id: string; kind: 'text'; answered: number; texts: string[] };

export interface SurveyResult {
  surveyId: string;
  invited: number;
  responses: number;
  /** responses / invited; null when nobody was invited. */
  responseRate: number | null;
  questions: QuestionResult[];
}

/**
 * Per question: counts per option (scale: per value min…max), mean for scales, free texts sorted
 * (so their order does not reveal who answered when). Bad answers are errors naming the response
 * and question.
 */
export function aggregateSurvey(survey: Survey, responses: readonly SurveyResponse[], invited: number): SurveyResult {
  if (!Number.isInteger(invited) || invited < 0) throw new PeopleError('bad_count', 'invited', 'invited must be a non-negative integer');
  if (responses.length > invited) throw new PeopleError('bad_count', 'invited', `${responses.length} responses but only ${invited} invited`);
  const questions = survey.questions.map((q): QuestionResult => {
    const vals = responses.map((r, i) => [r.answers[q.id], `responses[${i}].answers.${q.id}`] as const).filter(([v]) => v !== undefined);
    const badOption = (f: string, n: number) => new PeopleError('bad_answer', f, `expected an option index 0–${n - 1}`);
    switch (q.kind) {
      case 'single': {
        const counts = q.options.map(() => 0);
        for (const [v, f] of vals) {
          if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= q.options.length) throw badOption(f, q.options.length);
          counts[v]!++;
        }
        return { id: q.id, kind: 'single', answered: vals.length, counts };
      }
      case 'multiple': {
        const counts = q.options.map(() => 0);
        for (const [v, f] of vals) {
          if (!Array.isArray(v)) throw badOption(f, q.options.length);
          for (const x of new Set(v as readonly number[])) {
            if (!Number.isInteger(x) || x < 0 || x >= q.options.length) throw badOption(f, q.options.length);
            counts[x]!++;
          }
        }
        return { id: q.id, kind: 'multiple', answered: vals.length, counts };
      }
      case 'scale': {
        const counts = Array.from({ length: q.max - q.min + 1 }, () => 0);
        let sum = 0;
        for (const [v, f] of vals) {
          if (typeof v !== 'number' || !Number.isInteger(v) || v < q.min || v > q.max)
            throw new PeopleError('bad_answer', f, `expected an integer ${q.min}–${q.max}`);
          counts[v - q.min]!++;
          sum += v;
        }
        return { id: q.id, kind: 'scale', answered: vals.length, counts, mean: vals.length ? round(sum / vals.length, 2) : null };
      }
      case 'text': {
        const texts: string[] = [];
        for (const [v, f] of vals) {
          if (typeof v !== 'string') throw new PeopleError('bad_answer', f, 'expected text');
          if (v.trim()) texts.push(v.trim());
        }
        return { id: q.id, kind: 'text', answered: texts.length, texts: texts.sort() };
      }
    }
  });
  return { surveyId: survey.id, invited, responses: responses.length, responseRate: invited ? round(responses.length / invited) : null, questions };
}
