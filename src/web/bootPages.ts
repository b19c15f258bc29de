/**
 * The page chunks /boot.js preloads (issue 16): the app's entry took ~0.2–0.3 s to run before it could ask
 * for the page's chunk (preloadPageOf), so the build writes into boot.js, for each menu path, the chunk of its
 * page and the chunks that one imports (not those the entry already loads), and boot.js adds them as
 * `<link rel=modulepreload>` as soon as it runs, while the entry is still arriving. Pure: vite.config.ts reads
 * the files and hands over the bundle.
 */
import { EARLY_SNAPSHOT_ID } from './boot.ts';

/** Each menu path of nav.ts with the module its page imports (`/live/wallboard` → `./pages/live/Wallboard`). */
export function pageImports(navSource: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of navSource.matchAll(/path:\s*'([^']+)'[^{}]*?page:\s*lazyPage\(\(\)\s*=>\s*import\('([^']+)'\)\)/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** What the bundle says of a chunk (Rollup's / Rolldown's OutputChunk, the fields used here). */
export interface ChunkInfo {
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
}

/**
 * For each path, the files to preload: the page's chunk, then its static imports not already in the entry's.
 * `moduleOf` turns nav.ts's import specifier into the module id the bundle names (the page's file).
 */
export function pagePreloads(
  pages: Map<string, string>,
  chunks: ChunkInfo[],
  moduleOf: (specifier: string) => string[],
): { files: string[]; pages: Record<string, number[]>; missing: string[] } {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const closure = (start: string[], into = new Set<string>()) => {
    for (const f of start)
      if (!into.has(f)) {
        into.add(f);
        closure(byFile.get(f)?.imports ?? [], into);
      }
    return into;
  };
  const inEntry = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
  const files: string[] = [];
  const index = (f: string) => (files.includes(f) ? files.indexOf(f) : files.push(f) - 1);
  const out: Record<string, number[]> = {};
  const missing: string[] = [];
  for (const [path, spec] of pages) {
    const ids = moduleOf(spec);
    const chunk = chunks.find((c) => c.facadeModuleId !== null && ids.includes(c.facadeModuleId));
    if (!chunk) {
      missing.push(path);
      continue;
    }
    out[path] = [...closure([chunk.fileName])].filter((f) => !inEntry.has(f)).map(index);
  }
  return { files, pages: out, missing };
}

/** Where boot.js names its early snapshot's id, filled in from boot.ts (one spelling) wherever /boot.js is served. */
export const EARLY_ID_PLACEHOLDER = `var EARLY_SNAPSHOT_ID = '__EARLY_SNAPSHOT_ID__';`;

/** boot.js with the ids it shares with the app filled in (the dev server's /boot.js and the build's). */
export const bootWithIds = (template: string): string => {
  if (!template.includes(EARLY_ID_PLACEHOLDER)) throw new Error(`boot.js: no "${EARLY_ID_PLACEHOLDER}" to fill in`);
  return template.replace(EARLY_ID_PLACEHOLDER, `var EARLY_SNAPSHOT_ID = ${JSON.stringify(EARLY_SNAPSHOT_ID)};`);
};

/** The placeholder in boot.js the build fills in. */
export const PAGES_PLACEHOLDER = 'var BUILT = { pages: {}, files: [] };';

export const bootWithPages = (template: string, p: { files: string[]; pages: Record<string, number[]> }): string => {
  if (!template.includes(PAGES_PLACEHOLDER)) throw new Error(`boot.js: no "${PAGES_PLACEHOLDER}" to fill in`);
  return template.replace(PAGES_PLACEHOLDER, `var BUILT = ${JSON.stringify({ pages: p.pages, files: p.files })};`);
};
