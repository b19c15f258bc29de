// The newest source time of what scripts/build-cli.mjs builds into lib/: bin/callfloor.mjs compares it with
// lib/.stamp at every start, so it lives apart from the build script (which loads esbuild).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SOURCE_DIRS = ['cli', 'contract', 'core', 'ingest', 'server', 'services', 'store'];

/** Newest modification time (ms) of the sources the CLI is built from. */
export function newestSource(root) {
  let newest = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.mtimeMs > newest) newest = st.mtimeMs;
    }
  };
  for (const d of SOURCE_DIRS) walk(join(root, 'src', d));
  return newest;
}
