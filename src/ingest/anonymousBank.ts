/**
 * Anonymous Bank (Technion SEE, Feb 1999) per-call records → normalised events.
 * Tab-separated, header on line 1. See README.md for the mapping choices.
 */
import type { CallFloorEvent } from '../core/events';
import type { TimeWindow } from '../core/live/eventWindow';
import {
  countSkipped,
  emptyResult,
  talkSpanEvents,
  type TalkSpan,
  hmsToSeconds,
  localToEpoch,
  splitLines,
  timeReject,
  type ParseResult,
  type Tz,
} from './common';

export interface BankOptions {
  /** zone of the file's local clock times; default UTC (the centre was in Israel: 'Asia/Jerusalem') */
  tz?: Tz;
  /** plausible times (see core/live/eventWindow); a row outside is rejected, named */
  window?: TimeWindow;
}

const COLS = [
  'vru+line',
  'call_id',
  'customer_id',
  'priority',
  'type',
  'date',
  'vru_entry',
  'vru_exit',
  'vru_time',
  'q_start',
  'q_exit',
  'q_time',
  'outcome',
  'ser_start',
  'ser_exit',
  'ser_time',
  'server',
];

export function parseAnonymousBank(text: string, opts: BankOptions = {}): ParseResult {
  const res = emptyResult();
  const lines = splitLines(text);
  if (!lines.length) return res;
  const header = lines[0]!.split('\t').map((h) => h.trim());
  const missing = COLS.filter((c) => !header.includes(c));
  if (missing.length) {
    res.rejects.push({ line: 1, reason: `header: missing columns ${missing.join(', ')}` });
    return res;
  }
  const ix = Object.fromEntries(COLS.map((c) => [c, header.indexOf(c)])) as Record<string, number>;
  const seen = new Set<string>();
  const spans: TalkSpan[] = [];
  for (let n = 1; n < lines.length; n++) {
    const text = lines[n]!;
    if (!text.trim()) continue;
    const line = n + 1;
    const f = text.split('\t');
    const c = (name: string) => (f[ix[name]!] ?? '').trim();
    const outcome = c('outcome');
    if (outcome === 'PHANTOM') {
      countSkipped(res, 'PHANTOM');
      continue;
    }
    if (outcome !== 'AGENT' && outcome !== 'HANG') {
      res.rejects.push({ line, reason: `outcome: expected AGENT, HANG or PHANTOM, got '${outcome}'` });
      continue;
    }
    const dm = /^(\d{2})(\d{2})(\d{2})$/.exec(c('date'));
    if (!dm) {
      res.rejects.push({ line, reason: `date: expected YYMMDD, got '${c('date')}'` });
      continue;
    }
    const year = 1900 + Number(dm[1]) + (Number(dm[1]) < 70 ? 100 : 0);
    const day0 = localToEpoch(year, Number(dm[2]), Number(dm[3]), 0, 0, 0, opts.tz);
    const outside = timeReject(line, 'date', day0, opts.window, "a date in the center's history");
    if (outside) {
      res.rejects.push(outside);
      continue;
    }
    const bad: string[] = [];
    const sec = (name: string) => {
      const v = hmsToSeconds(c(name));
      if (v === null) bad.push(name);
      return v ?? 0;
    };
    const vruEntry = sec('vru_entry');
    const qStart = sec('q_start');
    const qExit = sec('q_exit');
    const serStart = sec('ser_start');
    const serExit = sec('ser_exit');
    const qTime = Number(c('q_time'));
    if (!Number.isFinite(qTime)) bad.push('q_time');
    if (bad.length) {
      res.rejects.push({ line, reason: `${bad.join(', ')}: not H:MM:SS / a number` });
      continue;
    }
    // clock times of the row's date; one earlier than the VRU entry by over 12 h is on the next day
    const at = (s: number) => day0 + (s < vruEntry - 43200 ? s + 86400 : s) * 1000;
    const queue = c('type') || 'unknown';
    const server = c('server') || 'NO_SERVER';
    const key = `${c('vru+line')}:${c('call_id')}:${c('date')}:${c('vru_entry')}`;
    if (seen.has(key)) {
      res.duplicates += 1;
      continue;
    }
    seen.add(key);
    const id = `bank:${key}`;
    const callId = `bank:${c('vru+line')}:${c('call_id')}:${c('date')}`;
    const ev: CallFloorEvent[] = [];
    const queued = qStart !== 0;
    if (outcome === 'HANG') {
      if (!queued) {
        countSkipped(res, 'HANG in VRU (never queued)');
        continue;
      }
      ev.push({ id: `${id}:enq`, ts: at(qStart), type: 'call.enqueued', queue, callId });
      ev.push({ id: `${id}:aband`, ts: at(qExit), type: 'call.abandoned', queue, callId, waitS: Math.max(0, qTime) });
    } else {
      // served; with no queue start it went straight to an agent: offered and answered with no wait
      const enq = queued ? at(qStart) : serStart ? at(serStart) : at(sec('vru_exit'));
      const conn = serStart ? at(serStart) : queued ? at(qExit) : enq;
      const end = serStart && serExit ? at(serExit) : conn;
      const wait = queued ? Math.max(0, qTime) : 0;
      ev.push({ id: `${id}:enq`, ts: enq, type: 'call.enqueued', queue, callId });
      ev.push({ id: `${id}:conn`, ts: Math.max(conn, enq), type: 'call.connected', queue, callId, agent: server, waitS: wait });
      if (end > conn) spans.push({ agent: server, queue, from: conn, to: end, id });
      ev.push({ id: `${id}:end`, ts: Math.max(end, conn, enq), type: 'call.ended', queue, callId, agent: server });
    }
    res.events.push(...ev);
  }
  res.events.push(...talkSpanEvents(spans));
  res.events.sort((a, b) => a.ts - b.ts);
  return res;
}
