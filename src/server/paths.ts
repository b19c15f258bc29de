import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when this runs as the built JavaScript in lib/ (scripts/build-cli.mjs) rather than from src/ through tsx. */
export const RUNNING_BUILT = import.meta.url.endsWith('.js');

let root: string | undefined;
/**
 * The project's folder (the one holding package.json), found from this file wherever it runs from:
 * src/server (tsx) or a chunk of the bundle in lib/, so dist/web and the solver thread are found from both.
 */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return (root = dir);
}
