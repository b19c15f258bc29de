/**
 * IVR post-call survey results (CSV, one row per answered survey) → `survey` events.
 *
 * Header row required; columns by name (case and spaces/underscores ignored):
 *   callId (or call_id)  — the call surveyed; its agent then comes from the stored call events
 *   time                 — when the answer was given (ISO with zone, epoch ms, or local
 *                          'YYYY-MM-DD HH:MM[:SS]' in --tz); needed with `agent` when there is no callId;
 *                          without it an answer naming a call takes the call's end
 *   agent                — the agent code (needed when there is no callId)
 *   score                — integer 1..scale
 *   scale                — optional, one of 2, 3, 5, 10; default the center's `survey.defaultScale` (5)
 *   queue                — optional
 * Each row's event id is a hash of its cells, so re-importing the file stores nothing twice.
 */
import { hashId, validateEvent, type CallFloorEvent } from '../core/events';
import { DomainError } from '../core/errors';
import type { TimeWindow } from '../core/live/eventWindow';
import { emptyResult, splitCsvLine, splitLines, timeReject, type ParseResult, type Tz } from './common';
import { parseTimeArg } from './time';

export interface SurveyCsvOptions {
  tz?: Tz;
  /** scale of rows without one (the center's setting) */
  defaultScale?: number;
  /** plausible times (the center's `live.eventWindow` at the clock); without one only the schema's ceiling applies */
  window?: TimeWindow;
}

const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
const COLS: Record<string, string[]> = {
  callId: ['callid', 'call'],
  time: ['time', 'ts', 'datetime', 'answeredat'],
  agent: ['agent', 'agentcode', 'agentid'],
  score: ['score', 'rating'],
  scale: ['scale', 'scalemax', 'maxscore'],
  queue: ['queue'],
};

export function parseSurveyCsv(text: string, opts: SurveyCsvOptions = {}): ParseResult {
  const res = emptyResult();
  res.lines = new Map();
  const lines = splitLines(text);
  if (!lines.length) return res;
  const header = splitCsvLine(lines[0]!).map(norm);
  const ix = Object.fromEntries(Object.entries(COLS).map(([k, names]) => [k, header.findIndex((h) => names.includes(h))])) as Record<keyof typeof COLS, number>;
  if (ix.score! < 0 || (ix.callId! < 0 && (ix.agent! < 0 || ix.time! < 0))) {
    res.rejects.push({
      line: 1,
      reason: 'header: needs a score column and callId, or time and agent',
      field: 'header',
      code: 'survey.csvHeader',
      params: { line: 1 },
    });
    return res;
  }
  const seen = new Set<string>();
  for (let n = 1; n < lines.length; n++) {
    const raw = lines[n]!;
    if (!raw.trim()) continue;
    const line = n + 1;
    const f = splitCsvLine(raw).map((x) => x.trim());
    const cell = (k: string) => (ix[k]! >= 0 ? (f[ix[k]!] ?? '') : '');
    const no = (field: string, code: string, reason: string, params: Record<string, string | number> = {}) =>
      res.rejects.push({ line, reason: `${field}: ${reason}`, field, code, params: { line, field, ...params } });
    const callId = cell('callId');
    const agent = cell('agent');
    const time = cell('time');
    if (!callId && !(agent && time)) {
      no('callId', 'survey.callOrAgentRequired', 'a row needs callId, or time and agent');
      continue;
    }
    let ts = 0;
    if (time) {
      try {
        ts = parseTimeArg(time, opts.tz, 'time')!;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        no('time', 'survey.badTime', `not a time: '${time}'`, { value: time });
        continue;
      }
      if (!Number.isFinite(ts) || ts < 0) {
        no('time', 'survey.badTime', `not a time: '${time}'`, { value: time });
        continue;
      }
      const outside = timeReject(line, 'time', ts, opts.window);
      if (outside) {
        res.rejects.push(outside);
        continue;
      }
    }
    const scoreCell = cell('score');
    const scaleCell = cell('scale');
    const id = `svy:${hashId([callId, time, agent, scoreCell, scaleCell, cell('queue')].join('\u001f'))}`;
    const ev: Record<string, unknown> = {
      id,
      ts,
      type: 'survey',
      score: scoreCell === '' ? undefined : Number(scoreCell),
      scale: scaleCell === '' ? (opts.defaultScale ?? 5) : Number(scaleCell),
    };
    if (callId) ev.callId = callId;
    if (agent) ev.agent = agent;
    if (cell('queue')) ev.queue = cell('queue');
    for (const k of Object.keys(ev)) if (ev[k] === undefined) delete ev[k];
    const v = validateEvent(ev);
    if (!v.ok) {
      res.rejects.push({
        line,
        reason: v.error,
        ...(v.field ? { field: v.field } : {}),
        ...(v.reason ? { code: v.reason, params: { ...v.params, line } } : {}),
      });
      continue;
    }
    if (seen.has(id)) {
      res.duplicates += 1;
      continue;
    }
    seen.add(id);
    res.events.push(v.event as CallFloorEvent);
    res.lines.set(id, line);
  }
  return res;
}
