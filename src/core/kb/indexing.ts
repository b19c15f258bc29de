/**
 * What the stores index for one article (pure): the searchable text is the title, a newline
 * and the body, normalised and split into passages; each passage carries its two token streams
 * rendered for FTS5 (space-separated text for contentless tables with the unicode61 tokenizer)
 * and for PostgreSQL (tsvector literals for `simple`-config columns, cast with ::tsvector).
 */
import { pgLexeme } from './query';
import { DEFAULT_PASSAGE_OPTIONS, normaliseString, splitPassages, tokenise, type PassageOptions, type Token } from './text';

/** FTS5 token marking "not contiguous" in the bigram stream (private use: never produced from text). */
export const FTS5_BREAK = '\uE000';

export interface IndexedPassage {
  seq: number;
  /** Range in the normalised searchable text (title + '\n' + body). */
  start: number;
  end: number;
  fts5Uni: string;
  fts5Bi: string;
  tsvUni: string;
  tsvBi: string;
}

/** The normalised searchable text of an article; the reference `matches` runs on this. */
export function searchableText(title: string, body: string): string {
  return normaliseString(title + '\n' + body);
}

/** Unigram stream as FTS5 text: distinct tokens (detail=none keeps only presence). */
export function fts5UnigramText(tokens: Token[]): string {
  return [...new Set(tokens.map((t) => t.token))].join(' ');
}

/** Bigram stream as FTS5 text: a break token wherever positions jump. */
export function fts5BigramText(tokens: Token[]): string {
  const parts: string[] = [];
  let last = 0;
  for (const t of tokens) {
    if (parts.length > 0 && t.pos !== last + 1) parts.push(FTS5_BREAK);
    parts.push(t.token);
    last = t.pos;
  }
  return parts.join(' ');
}

/** PostgreSQL keeps at most 256 positions per lexeme; later ones are dropped here explicitly. */
export const PG_MAX_POSITIONS = 256;
/** PostgreSQL positions run 1..16383; passages are far shorter. */
export const PG_MAX_POSITION = 16383;

export function tsvectorUnigrams(tokens: Token[]): string {
  return [...new Set(tokens.map((t) => t.token))].map(pgLexeme).join(' ');
}

export function tsvectorBigrams(tokens: Token[]): string {
  const byLexeme = new Map<string, number[]>();
  for (const t of tokens) {
    if (t.pos > PG_MAX_POSITION) break;
    const ps = byLexeme.get(t.token) ?? [];
    if (ps.length < PG_MAX_POSITIONS) ps.push(t.pos);
    byLexeme.set(t.token, ps);
  }
  return [...byLexeme].map(([lex, ps]) => `${pgLexeme(lex)}:${ps.join(',')}`).join(' ');
}

export function indexArticle(title: string, body: string, opts: PassageOptions = DEFAULT_PASSAGE_OPTIONS): IndexedPassage[] {
  return splitPassages(searchableText(title, body), opts).map((p) => {
    const s = tokenise(p.text);
    return {
      seq: p.seq,
      start: p.start,
      end: p.end,
      fts5Uni: fts5UnigramText(s.unigrams),
      fts5Bi: fts5BigramText(s.bigrams),
      tsvUni: tsvectorUnigrams(s.unigrams),
      tsvBi: tsvectorBigrams(s.bigrams),
    };
  });
}
