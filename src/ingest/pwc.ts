/**
 * PwC "Call Centre Trends" per-call CSV → normalised events. See README.md for the mapping.
 */
import type { CallFloorEvent } from '../core/events';
import type { TimeWindow } from '../core/live/eventWindow';
import {
  emptyResult,
  talkSpanEvents,
  type TalkSpan,
  hmsToSeconds,
  localToEpoch,
  splitCsvLine,
  splitLines,
  timeReject,
  type ParseResult,
  type Tz,
} from './common';

export interface PwcOptions {
  tz?: Tz;
  /**
   * Unanswered rows carry no wait. The abandon is placed this many seconds after arrival;
   * the default (the DESIGN shortAbandonS, 5) counts them as ordinary abandons, 0 as short ones.
   */
  abandonWaitS?: number;
  /** plausible times (see core/live/eventWindow); a row outside is rejected, named */
  window?: TimeWindow;
}

export function parsePwc(text: string, opts: PwcOptions = {}): ParseResult {
  const res = emptyResult();
  const lines = splitLines(text);
  if (!lines.length) return res;
  const header = splitCsvLine(lines[0]!).map((h) => h.trim());
  const find = (re: RegExp) => header.findIndex((h) => re.test(h));
  const ix = {
    id: find(/^call id$/i),
    agent: find(/^agent$/i),
    date: find(/^date$/i),
    time: find(/^time$/i),
    topic: find(/^topic$/i),
    answered: find(/^answered/i),
    speed: find(/^speed of answer/i),
    talk: find(/talkduration/i),
  };
  const missing = Object.entries(ix)
    .filter(([, i]) => i < 0)
    .map(([k]) => k);
  if (missing.length) {
    res.rejects.push({ line: 1, reason: `header: missing columns ${missing.join(', ')}` });
    return res;
  }
  const abandonWait = opts.abandonWaitS ?? 5;
  const seen = new Set<string>();
  const spans: TalkSpan[] = [];
  for (let n = 1; n < lines.length; n++) {
    const text = lines[n]!;
    if (!text.trim()) continue;
    const line = n + 1;
    const f = splitCsvLine(text).map((x) => x.trim());
    const id = f[ix.id]!;
    const agent = f[ix.agent]!;
    const queue = f[ix.topic] || 'unknown';
    const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(f[ix.date] ?? '');
    const tm = hmsToSeconds(f[ix.time] ?? '');
    const ans = (f[ix.answered] ?? '').toUpperCase();
    if (!id) {
      res.rejects.push({ line, reason: 'Call Id: empty' });
      continue;
    }
    if (!dm || tm === null) {
      res.rejects.push({ line, reason: `Date/Time: expected YYYY-MM-DD and H:MM:SS, got '${f[ix.date]}' '${f[ix.time]}'` });
      continue;
    }
    if (ans !== 'Y' && ans !== 'N') {
      res.rejects.push({ line, reason: `Answered (Y/N): expected Y or N, got '${f[ix.answered]}'` });
      continue;
    }
    if (seen.has(id)) {
      res.duplicates += 1;
      continue;
    }
    seen.add(id);
    const t0 = localToEpoch(+dm[1]!, +dm[2]!, +dm[3]!, 0, 0, 0, opts.tz) + tm * 1000;
    const outside = timeReject(line, 'Date/Time', t0, opts.window, "a date in the center's history");
    if (outside) {
      res.rejects.push(outside);
      continue;
    }
    const callId = `pwc:${id}`;
    const ev: CallFloorEvent[] = [{ id: `${callId}:enq`, ts: t0, type: 'call.enqueued', queue, callId }];
    if (ans === 'Y') {
      const speed = Number(f[ix.speed]);
      const talk = hmsToSeconds(f[ix.talk] ?? '');
      if (!f[ix.speed] || !Number.isFinite(speed) || speed < 0 || talk === null) {
        res.rejects.push({ line, reason: `Speed of answer / AvgTalkDuration: needed for an answered call` });
        continue;
      }
      if (!agent) {
        res.rejects.push({ line, reason: 'Agent: empty for an answered call' });
        continue;
      }
      const tc = t0 + speed * 1000;
      const te = tc + talk * 1000;
      ev.push({ id: `${callId}:conn`, ts: tc, type: 'call.connected', queue, callId, agent, waitS: speed });
      spans.push({ agent, queue, from: tc, to: te, id: callId });
      ev.push({ id: `${callId}:end`, ts: te, type: 'call.ended', queue, callId, agent });
    } else {
      ev.push({ id: `${callId}:aband`, ts: t0 + abandonWait * 1000, type: 'call.abandoned', queue, callId });
    }
    res.events.push(...ev);
  }
  res.events.push(...talkSpanEvents(spans));
  res.events.sort((a, b) => a.ts - b.ts);
  return res;
}
