/**
 * Ranking and highlighting in the application (pure), so the order is identical whichever
 * database found the candidates. The stores only answer "which article ids match".
 */
import { allPieces, findPiece, type KbQuery } from './query';
import { normalise, toOriginalRange, type NormalisedText } from './text';

export interface RankInput {
  id: string;
  title: string;
  body: string;
  /** ISO-8601 UTC timestamp of the last published change (string order = time order). */
  updatedAt: string;
  views: number;
  helpfulVotes: number;
}

export interface RankedHit {
  id: string;
  titleHits: number;
  bodyHits: number;
  updatedAt: string;
  views: number;
  helpfulVotes: number;
}

/** Occurrences of all the query's pieces in a normalised text (overlaps between pieces count each). */
export function countHits(n: string, q: KbQuery): number {
  let c = 0;
  for (const p of allPieces(q)) c += findPiece(n, p).length;
  return c;
}

/**
 * Order: an article with the query in its title first; then more occurrences (title + body);
 * then fresher; then more views; then more helpful votes; then id (so the order is total).
 */
export function compareHits(a: RankedHit, b: RankedHit): number {
  const at = a.titleHits > 0 ? 1 : 0;
  const bt = b.titleHits > 0 ? 1 : 0;
  if (at !== bt) return bt - at;
  const ao = a.titleHits + a.bodyHits;
  const bo = b.titleHits + b.bodyHits;
  if (ao !== bo) return bo - ao;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  if (a.views !== b.views) return b.views - a.views;
  if (a.helpfulVotes !== b.helpfulVotes) return b.helpfulVotes - a.helpfulVotes;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function rank(candidates: readonly RankInput[], q: KbQuery): RankedHit[] {
  return candidates
    .map((c) => ({
      id: c.id,
      titleHits: countHits(normalise(c.title).text, q),
      bodyHits: countHits(normalise(c.body).text, q),
      updatedAt: c.updatedAt,
      views: c.views,
      helpfulVotes: c.helpfulVotes,
    }))
    .sort(compareHits);
}

// ---------------------------------------------------------------------------------------------
// Highlighting

export interface Segment {
  text: string;
  hit: boolean;
}

/** Merged hit ranges in the NORMALISED text. */
export function hitRanges(n: string, q: KbQuery): [number, number][] {
  const all: [number, number][] = [];
  for (const p of allPieces(q)) all.push(...findPiece(n, p));
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const r of all) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Hit ranges mapped back to the ORIGINAL text (merged again: chunks may widen ranges). */
export function originalHitRanges(nt: NormalisedText, q: KbQuery): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of hitRanges(nt.text, q)) {
    const r = toOriginalRange(nt, s, e);
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

function segmentsOf(original: string, ranges: [number, number][], from: number, to: number): Segment[] {
  const segs: Segment[] = [];
  let at = from;
  for (const [s0, e0] of ranges) {
    const s = Math.max(s0, from);
    const e = Math.min(e0, to);
    if (e <= s) continue;
    if (s > at) segs.push({ text: original.slice(at, s), hit: false });
    segs.push({ text: original.slice(s, e), hit: true });
    at = e;
  }
  if (at < to) segs.push({ text: original.slice(at, to), hit: false });
  return segs;
}

/** The whole original text as segments; joined, they give back the original exactly. */
export function highlight(original: string, q: KbQuery): Segment[] {
  const nt = normalise(original);
  return segmentsOf(original, originalHitRanges(nt, q), 0, original.length);
}

export interface SnippetOptions {
  /** Characters of context before the first hit. */
  before: number;
  /** Total snippet length (UTF-16 units, before widening to whole code points). */
  length: number;
}
export const DEFAULT_SNIPPET: SnippetOptions = { before: 30, length: 120 };

export interface Snippet {
  segments: Segment[];
  /** True when text was cut at the start / end (the UI shows an ellipsis). */
  cutStart: boolean;
  cutEnd: boolean;
}

const isLow = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
};

/** A window of the original text around the first hit (or its start when there is none). */
export function snippet(original: string, q: KbQuery, opts: SnippetOptions = DEFAULT_SNIPPET): Snippet {
  const nt = normalise(original);
  const ranges = originalHitRanges(nt, q);
  const first = ranges[0];
  let from = first ? Math.max(0, first[0] - opts.before) : 0;
  let to = Math.min(original.length, from + opts.length);
  if (first && to < first[1]) to = first[1];
  if (to - from < opts.length) from = Math.max(0, to - opts.length);
  if (from > 0 && isLow(original, from)) from--;
  if (to < original.length && isLow(original, to)) to++;
  return { segments: segmentsOf(original, ranges, from, to), cutStart: from > 0, cutEnd: to < original.length };
}
