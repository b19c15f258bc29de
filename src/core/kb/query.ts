/**
 * Knowledge-base query parsing (pure): user text → abstract query → FTS5 / tsquery renderings,
 * plus `matches`, the substring reference the SQL results are checked against.
 *
 * Semantics (the reference `matches` implements exactly this, over the normalised text):
 *  - Whitespace separates TERMS; every term must match (AND).
 *  - A term is normalised (see text.ts) and expanded by the synonym table into ALTERNATIVES;
 *    any alternative may match (OR).
 *  - An alternative is split into PIECES, maximal runs of CJK characters or of Latin letters /
 *    digits; punctuation inside a term separates pieces. Every piece must occur (AND), anywhere
 *    in the article (not necessarily next to each other): "sip-trunk" = sip AND trunk, and
 *    "2012年" = 2012 AND 年.
 *  - A CJK piece of one character matches that character anywhere (unigram table); of two or
 *    more it matches that exact contiguous string (a phrase of bigrams: "业务 务部 部门").
 *  - A word piece matches a whole word: an occurrence not preceded or followed by another
 *    letter/digit that is not CJK (so "sip" matches "sip中继" but not "sipx").
 */
import { bigramsOf, charClass, codePoints, DEFAULT_PASSAGE_OPTIONS, maxPieceChars, normaliseString, runs } from './text';

export type Piece = { kind: 'char'; text: string } | { kind: 'phrase'; text: string; bigrams: string[] } | { kind: 'word'; text: string };

export interface Alternative {
  /** Normalised text of this alternative. */
  text: string;
  pieces: Piece[];
}

export interface Term {
  /** The term as the user typed it. */
  raw: string;
  alternatives: Alternative[];
}

export interface KbQuery {
  terms: Term[];
}

/** Groups of interchangeable spellings (regional word differences, not character ones). Data. */
export type SynonymTable = readonly (readonly string[])[];
export const DEFAULT_SYNONYMS: SynonymTable = [
  ['坐席', '座席'],
  ['反馈', '回馈'],
  ['响应', '回应'],
];

export interface QueryOptions {
  synonyms: SynonymTable;
  /** Longest piece (see PassageOptions.overlap). */
  maxPieceChars: number;
  maxTerms: number;
  /** Cap on alternatives one term expands into. */
  maxAlternatives: number;
}

export const DEFAULT_QUERY_OPTIONS: QueryOptions = {
  synonyms: DEFAULT_SYNONYMS,
  maxPieceChars: maxPieceChars(DEFAULT_PASSAGE_OPTIONS),
  maxTerms: 16,
  maxAlternatives: 16,
};

export type QueryErrorCode = 'empty' | 'no_searchable_text' | 'term_too_long' | 'too_many_terms';
export interface QueryError {
  code: QueryErrorCode;
  message: string;
  /** the figures the message names, for a translated one */
  params?: Record<string, string | number>;
}
export type ParseResult = { ok: true; query: KbQuery } | { ok: false; error: QueryError };

function piecesOf(normalised: string): Piece[] {
  return runs(normalised).map((r): Piece => {
    if (r.kind === 'word') return { kind: 'word', text: r.text };
    const n = codePoints(r.text).length;
    return n === 1 ? { kind: 'char', text: r.text } : { kind: 'phrase', text: r.text, bigrams: bigramsOf(r.text) };
  });
}

function expandSynonyms(term: string, table: readonly string[][], max: number): string[] {
  const alts = [term];
  for (const group of table) {
    for (let i = 0; i < alts.length && alts.length < max; i++) {
      const a = alts[i]!;
      for (const member of group) {
        if (member === '' || !a.includes(member)) continue;
        for (const other of group) {
          if (other === member) continue;
          const b = a.split(member).join(other);
          if (!alts.includes(b) && alts.length < max) alts.push(b);
        }
      }
    }
  }
  return alts;
}

export function parseQuery(input: string, options: Partial<QueryOptions> = {}): ParseResult {
  const opts = { ...DEFAULT_QUERY_OPTIONS, ...options };
  const table = opts.synonyms.map((g) => g.map(normaliseString));
  const rawTerms = input.split(/[\s\u3000]+/u).filter((t) => t !== '');
  if (rawTerms.length === 0) return { ok: false, error: { code: 'empty', message: 'The search query is empty.' } };
  const terms: Term[] = [];
  for (const raw of rawTerms) {
    const norm = normaliseString(raw);
    const alternatives: Alternative[] = [];
    for (const text of expandSynonyms(norm, table, opts.maxAlternatives)) {
      const pieces = piecesOf(text);
      if (pieces.length === 0) continue;
      for (const p of pieces) {
        if (codePoints(p.text).length > opts.maxPieceChars)
          return {
            ok: false,
            error: {
              code: 'term_too_long',
              params: { term: raw, maximum: opts.maxPieceChars },
              message: `The search term "${raw}" is longer than ${opts.maxPieceChars} characters without a space or punctuation; shorten it or split it with spaces.`,
            },
          };
      }
      alternatives.push({ text, pieces });
    }
    if (alternatives.length > 0) terms.push({ raw, alternatives }); // pure punctuation terms are dropped
  }
  if (terms.length === 0)
    return {
      ok: false,
      error: {
        code: 'no_searchable_text',
        message: `The search query "${input.trim()}" has only punctuation or symbols; type at least one character or word.`,
      },
    };
  if (terms.length > opts.maxTerms)
    return {
      ok: false,
      error: { code: 'too_many_terms', message: `At most ${opts.maxTerms} search terms are allowed.`, params: { maximum: opts.maxTerms } },
    };
  return { ok: true, query: { terms } };
}

// ---------------------------------------------------------------------------------------------
// Plan: the set algebra the stores evaluate. Each leaf is one piece looked up in one index
// table; an article matches the plan if the set expression over its passages' hits holds.
// AND/OR are over ARTICLES (pieces may sit in different passages of the same article).

export type IndexTable = 'uni' | 'bi';
export type Plan =
  { op: 'and'; children: Plan[] } | { op: 'or'; children: Plan[] } | { op: 'piece'; table: IndexTable; fts5: string; tsquery: string; piece: Piece };

/** FTS5 string literal: double quotes, embedded double quotes doubled. */
export function fts5Quote(s: string): string {
  return '"' + s.replaceAll('"', '""') + '"';
}

/** tsquery / tsvector lexeme literal: single quotes, embedded quotes doubled, backslashes escaped. */
export function pgLexeme(s: string): string {
  return "'" + s.replaceAll('\\', '\\\\').replaceAll("'", "''") + "'";
}

/** FTS5 MATCH string for one piece, against the table it belongs to. */
export function pieceToFts5(p: Piece): { table: IndexTable; match: string } {
  switch (p.kind) {
    case 'char':
    case 'word':
      return { table: 'uni', match: fts5Quote(p.text) };
    case 'phrase':
      // one quoted string of space-separated bigrams = an FTS5 phrase (consecutive positions)
      return { table: 'bi', match: fts5Quote(p.bigrams.join(' ')) };
  }
}

/** tsquery text for one piece, against the `simple`-config column it belongs to. */
export function pieceToTsquery(p: Piece): { table: IndexTable; tsquery: string } {
  switch (p.kind) {
    case 'char':
    case 'word':
      return { table: 'uni', tsquery: pgLexeme(p.text) };
    case 'phrase':
      return { table: 'bi', tsquery: p.bigrams.map(pgLexeme).join(' <-> ') };
  }
}

/** The plan leaf that looks one piece up in its index table. */
export function pieceLeaf(p: Piece): Extract<Plan, { op: 'piece' }> {
  const f = pieceToFts5(p);
  return { op: 'piece', table: f.table, fts5: f.match, tsquery: pieceToTsquery(p).tsquery, piece: p };
}

export function toPlan(q: KbQuery): Plan {
  const leaf = (p: Piece): Plan => pieceLeaf(p);
  const simplify = (op: 'and' | 'or', children: Plan[]): Plan => (children.length === 1 ? children[0]! : { op, children });
  return simplify(
    'and',
    q.terms.map((t) =>
      simplify(
        'or',
        t.alternatives.map((a) => simplify('and', a.pieces.map(leaf))),
      ),
    ),
  );
}

/**
 * Whole-query renderings for a single indexed text (e.g. one short article indexed as one
 * passage): FTS5 MATCH strings per table and one tsquery. Only exact when every piece of an
 * AND lies in the same row; the stores use `toPlan` for multi-passage articles.
 */
export function toFts5Match(q: KbQuery, table: IndexTable): string | null {
  const termStrs: string[] = [];
  for (const t of q.terms) {
    const alts: string[] = [];
    for (const a of t.alternatives) {
      const ps = a.pieces.map(pieceToFts5);
      if (ps.some((p) => p.table !== table)) continue;
      alts.push(ps.length === 1 ? ps[0]!.match : '(' + ps.map((p) => p.match).join(' AND ') + ')');
    }
    if (alts.length === 0) continue;
    termStrs.push(alts.length === 1 ? alts[0]! : '(' + alts.join(' OR ') + ')');
  }
  return termStrs.length === 0 ? null : termStrs.join(' AND ');
}

/** One tsquery over a row with the two tsvector columns concatenated (uni || bi). */
export function toTsquery(q: KbQuery): string {
  const paren = (s: string[], op: string) => (s.length === 1 ? s[0]! : '(' + s.join(` ${op} `) + ')');
  return q.terms
    .map((t) =>
      paren(
        t.alternatives.map((a) =>
          paren(
            a.pieces.map((p) => pieceToTsquery(p).tsquery),
            '&',
          ),
        ),
        '|',
      ),
    )
    .join(' & ');
}

// ---------------------------------------------------------------------------------------------
// Reference matcher

const isWordCp = (cp: number | undefined): boolean => cp !== undefined && charClass(String.fromCodePoint(cp)) === 'word';

function codePointBefore(s: string, i: number): number | undefined {
  if (i <= 0) return undefined;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return s.codePointAt(i - 2);
  return c;
}

/** All [start, end) occurrences of a piece in a normalised text (words respect word boundaries). */
export function findPiece(text: string, p: Piece): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (;;) {
    const i = text.indexOf(p.text, from);
    if (i < 0) return out;
    const end = i + p.text.length;
    if (p.kind !== 'word' || (!isWordCp(codePointBefore(text, i)) && !isWordCp(text.codePointAt(end)))) out.push([i, end]);
    from = i + 1;
  }
}

/** Does this NORMALISED text satisfy the query? The reference for the SQL implementations. */
export function matches(normalisedText: string, q: KbQuery): boolean {
  return q.terms.every((t) => t.alternatives.some((a) => a.pieces.every((p) => findPiece(normalisedText, p).length > 0)));
}

/**
 * `matches` over a text stored in parts (e.g. the normalised title and body, which the
 * searchable text joins with a newline): a piece may lie in any part. Same answer as `matches`
 * on the parts joined by a separator, since no piece contains or borders on a separator.
 */
export function matchesParts(normalisedParts: readonly string[], q: KbQuery): boolean {
  return q.terms.every((t) => t.alternatives.some((a) => a.pieces.every((p) => normalisedParts.some((x) => findPiece(x, p).length > 0))));
}

/** Every distinct piece in the query (for highlighting and counting). */
export function allPieces(q: KbQuery): Piece[] {
  const seen = new Map<string, Piece>();
  for (const t of q.terms) for (const a of t.alternatives) for (const p of a.pieces) seen.set(p.kind + ':' + p.text, p);
  return [...seen.values()];
}
