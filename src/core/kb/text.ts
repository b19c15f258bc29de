/**
 * Knowledge-base text normalisation, tokenisation and passage splitting (pure).
 *
 * Follows /work/shared/KB-SEARCH.md:
 *  - normalise: NFKC, then opencc-js CHARACTER conversion Traditional→Simplified
 *    ({from:'tw',to:'cn'} then {from:'hk',to:'cn'}), then lower-case. Never the phrase mode.
 *  - tokenise into a unigram stream (every CJK character) and a bigram stream (overlapping
 *    CJK bigrams); Latin/digit runs are words in both streams.
 *
 * Offsets. The conversion is applied chunk by chunk (a chunk = one code point plus the
 * combining marks that follow it) and each chunk's output is recorded against the chunk's
 * original range. On the seeds every chunk maps 1:1 (the length is preserved and the map is
 * the identity), but NFKC (e.g. "½" → "1⁄2", "ﬁ" → "fi"), lower-casing ("İ" → "i̇") and a few
 * opencc entries (BMP → astral characters) change lengths, so a map is kept whenever the
 * output differs in length anywhere. Because conversion is per character, never per phrase,
 * normalise(a) is a substring of normalise(a + b + c) for any split on chunk boundaries: the
 * query and the document are converted identically whatever surrounds them. (Conjoining
 * Hangul jamo are not composed across chunks; irrelevant for Chinese.)
 */
import * as OpenCC from 'opencc-js/t2cn';

const twToCn = OpenCC.Converter({ from: 'tw', to: 'cn' });
const hkToCn = OpenCC.Converter({ from: 'hk', to: 'cn' });

const cpCache = new Map<string, string>();
/** Character conversion of ONE code point (so no phrase dictionary entry can fire). */
function convertChar(ch: string): string {
  let out = cpCache.get(ch);
  if (out === undefined) {
    out = hkToCn(twToCn(ch));
    cpCache.set(ch, out);
  }
  return out;
}

const chunkCache = new Map<string, string>();
function normaliseChunk(chunk: string): string {
  let out = chunkCache.get(chunk);
  if (out === undefined) {
    let conv = '';
    for (const ch of chunk.normalize('NFKC')) conv += convertChar(ch);
    out = conv.toLowerCase();
    if (chunkCache.size < 200_000) chunkCache.set(chunk, out);
  }
  return out;
}

export interface NormalisedText {
  /** The original text. */
  readonly original: string;
  /** NFKC + Traditional→Simplified (character mode) + lower-case. */
  readonly text: string;
  /**
   * For each UTF-16 unit i of `text`, the original range [starts[i], ends[i]) of the chunk it came
   * from. null when the normalisation kept every chunk's length (then offsets are identical).
   */
  readonly starts: Uint32Array | null;
  readonly ends: Uint32Array | null;
}

/** A code point followed by its combining marks, or a run of leading marks. */
const CHUNK_RE = /\P{M}\p{M}*|\p{M}+/gu;

/** Per UTF-16 unit of the BMP: 1 = a combining mark, 2 = not (0 = not yet known). */
const markClass = new Uint8Array(0x10000);
const MARK_RE = /^\p{M}$/u;
function isMarkAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdfff) return MARK_RE.test(String.fromCodePoint(s.codePointAt(i)!)); // astral (or lone surrogate)
  let k = markClass[c]!;
  if (k === 0) markClass[c] = k = MARK_RE.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}
/** normaliseChunk of single-unit chunks, by code unit (the indexing hot path). */
const unitCache: (string | undefined)[] = new Array(0x10000);

export function normalise(original: string): NormalisedText {
  // Fast path: every chunk one UTF-16 unit that is not a mark and keeps its length (Chinese
  // text, ASCII): one table lookup per unit. Anything else falls back to the chunk loop.
  let fast = '';
  const n = original.length;
  let i = 0;
  for (; i < n; i++) {
    const c = original.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) break;
    if (i + 1 < n && isMarkAt(original, i + 1)) break;
    let out = unitCache[c];
    if (out === undefined) {
      const ch = String.fromCharCode(c);
      out = isMarkAt(original, i) ? '' : normaliseChunk(ch);
      unitCache[c] = out;
    }
    if (out.length !== 1) break;
    fast += out;
  }
  if (i === n) return { original, text: fast, starts: null, ends: null };
  return normaliseChunks(original);
}

/** The chunk-by-chunk normalisation (the reference for the fast path in `normalise`). */
export function normaliseChunks(original: string): NormalisedText {
  const parts: string[] = [];
  const chunkStarts: number[] = [];
  const chunkEnds: number[] = [];
  let sameLength = true;
  for (const m of original.matchAll(CHUNK_RE)) {
    const chunk = m[0];
    const out = normaliseChunk(chunk);
    if (out.length !== chunk.length) sameLength = false;
    parts.push(out);
    chunkStarts.push(m.index);
    chunkEnds.push(m.index + chunk.length);
  }
  const text = parts.join('');
  if (sameLength) return { original, text, starts: null, ends: null };
  const starts = new Uint32Array(text.length);
  const ends = new Uint32Array(text.length);
  let k = 0;
  for (let c = 0; c < parts.length; c++) {
    for (let j = 0; j < parts[c]!.length; j++, k++) {
      starts[k] = chunkStarts[c]!;
      ends[k] = chunkEnds[c]!;
    }
  }
  return { original, text, starts, ends };
}

/** Normalised string only (for queries, synonym tables, reference checks). */
export function normaliseString(s: string): string {
  return normalise(s).text;
}

/**
 * Maps a range [start, end) of the normalised text back to the original text. A range that
 * covers part of a chunk's output widens to the whole chunk (e.g. part of "1⁄2" → "½").
 */
export function toOriginalRange(n: NormalisedText, start: number, end: number): [number, number] {
  if (n.starts === null || n.ends === null) return [start, end];
  if (end <= start) {
    const at = start < n.text.length ? n.starts[start]! : n.original.length;
    return [at, at];
  }
  return [n.starts[start]!, n.ends[end - 1]!];
}

// ---------------------------------------------------------------------------------------------
// Character classes

/** CJK ideographs (incl. extension planes, 〇 and 々), kana and Hangul: one token per character. */
export const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** Word characters: letters and digits that are not CJK (these are FTS5 unicode61's token chars, L* and N*). */
const LETTER_OR_DIGIT_RE = /[\p{L}\p{N}]/u;

export type CharClass = 'cjk' | 'word' | 'sep';
export function charClass(ch: string): CharClass {
  if (CJK_RE.test(ch)) return 'cjk';
  if (LETTER_OR_DIGIT_RE.test(ch)) return 'word';
  return 'sep';
}

/** A maximal run of CJK characters or of word characters in a normalised string. */
export interface Run {
  kind: 'cjk' | 'word';
  text: string;
  /** UTF-16 offsets in the string the run was taken from. */
  start: number;
  end: number;
}

/** Splits a normalised string into CJK runs and word runs; everything else separates. */
export function runs(text: string): Run[] {
  const out: Run[] = [];
  let cur: Run | null = null;
  let i = 0;
  for (const ch of text) {
    const cls = charClass(ch);
    if (cls === 'sep') {
      cur = null;
    } else if (cur !== null && cur.kind === cls) {
      cur.text += ch;
      cur.end = i + ch.length;
    } else {
      cur = { kind: cls, text: ch, start: i, end: i + ch.length };
      out.push(cur);
    }
    i += ch.length;
  }
  return out;
}

/** Code points of a string (CJK extension-B characters are two UTF-16 units but one token). */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** Overlapping bigrams of a CJK run (none for a single character). */
export function bigramsOf(cjkRun: string): string[] {
  const cps = codePoints(cjkRun);
  const out: string[] = [];
  for (let i = 0; i + 1 < cps.length; i++) out.push(cps[i]! + cps[i + 1]!);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Token streams

export interface Token {
  token: string;
  /** 1-based position in its stream. In the bigram stream positions skip one between runs. */
  pos: number;
}

export interface TokenStreams {
  /** Every CJK character and every word. Only presence matters (FTS5 detail=none). */
  unigrams: Token[];
  /**
   * Overlapping CJK bigrams and words. Consecutive positions exist only between the bigrams of
   * one CJK run; at every run boundary the position jumps by 2, so a bigram phrase can never
   * match across punctuation, a word, or a gap ("业务。务部" does not contain "业务部").
   */
  bigrams: Token[];
}

export function tokenise(normalisedText: string): TokenStreams {
  const unigrams: Token[] = [];
  const bigrams: Token[] = [];
  let up = 0;
  let bp = 0;
  for (const r of runs(normalisedText)) {
    if (r.kind === 'word') {
      unigrams.push({ token: r.text, pos: ++up });
      bp += 2;
      bigrams.push({ token: r.text, pos: bp });
    } else {
      for (const ch of codePoints(r.text)) unigrams.push({ token: ch, pos: ++up });
      const bg = bigramsOf(r.text);
      if (bg.length > 0) {
        bp += 2;
        bg.forEach((b, i) => bigrams.push({ token: b, pos: bp + i }));
        bp += bg.length - 1;
      }
    }
  }
  return { unigrams, bigrams };
}

// ---------------------------------------------------------------------------------------------
// Passages

export interface PassageOptions {
  /** Target passage length in UTF-16 units of the normalised text. */
  targetChars: number;
  /** How far back from the target a sentence end is looked for. */
  sentenceWindow: number;
  /** Characters shared by consecutive passages; a query piece may be at most overlap + 1 long. */
  overlap: number;
}

/**
 * Defaults. Overlap: consecutive passages share at least `overlap` characters, so any substring
 * of at most overlap + 1 characters lies wholly inside one passage (if it did not, it would have
 * to start before passage k+1 and end after passage k, i.e. span more than overlap + 1
 * characters). The query parser therefore rejects a single search term longer than
 * overlap + 1 = 101 characters; 100 characters is ~7 % of a passage, a small index cost.
 */
export const DEFAULT_PASSAGE_OPTIONS: PassageOptions = { targetChars: 1500, sentenceWindow: 300, overlap: 100 };

export function maxPieceChars(opts: PassageOptions = DEFAULT_PASSAGE_OPTIONS): number {
  return opts.overlap + 1;
}

export interface Passage {
  seq: number;
  /** Range in the normalised text. */
  start: number;
  end: number;
  text: string;
}

const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';', '\n', '.', '…']);

function isWordUnit(text: string, i: number): boolean {
  const c = text.codePointAt(i);
  if (c === undefined) return false;
  return charClass(String.fromCodePoint(c)) === 'word';
}
function isLowSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}
/** A cut between i-1 and i is safe if it splits neither a surrogate pair nor a word run. */
function safeCut(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return true;
  if (isLowSurrogate(text, i)) return false;
  const prevStart = isLowSurrogate(text, i - 1) ? i - 2 : i - 1;
  return !(isWordUnit(text, prevStart) && isWordUnit(text, i));
}

/**
 * Splits normalised text into passages of about `targetChars`, ending on a sentence end when
 * one is within `sentenceWindow` before the target, else on any cut that does not split a word
 * or surrogate pair; each next passage starts `overlap` characters (or more, to land on a safe
 * cut) before the previous end. A word longer than a whole passage is cut hard.
 */
export function splitPassages(text: string, opts: PassageOptions = DEFAULT_PASSAGE_OPTIONS): Passage[] {
  const out: Passage[] = [];
  if (text.length <= opts.targetChars) return [{ seq: 0, start: 0, end: text.length, text }];
  let start = 0;
  for (;;) {
    if (text.length - start <= opts.targetChars) {
      out.push({ seq: out.length, start, end: text.length, text: text.slice(start) });
      return out;
    }
    const target = start + opts.targetChars;
    const floor = Math.max(start + opts.overlap + 1, target - opts.sentenceWindow);
    let end = -1;
    for (let i = target; i > floor; i--) {
      if (SENTENCE_END.has(text[i - 1]!) && safeCut(text, i)) {
        end = i;
        break;
      }
    }
    if (end < 0)
      for (let i = target; i > start + opts.overlap + 1; i--)
        if (safeCut(text, i)) {
          end = i;
          break;
        }
    if (end < 0) end = isLowSurrogate(text, target) ? target + 1 : target;
    out.push({ seq: out.length, start, end, text: text.slice(start, end) });
    const cand = end - opts.overlap;
    let next = cand;
    const lowest = Math.max(start + 1, cand - opts.sentenceWindow);
    while (next > lowest && !safeCut(text, next)) next--;
    if (!safeCut(text, next)) next = isLowSurrogate(text, cand) ? cand - 1 : cand; // inside a giant word
    start = Math.max(next, start + 1);
  }
}
