#!/usr/bin/env node
// Builds the command line (and the server it starts) into lib/ as plain JavaScript, so `callfloor`
// starts without compiling TypeScript (issue 16); tsx stays for development and tests. One bundle per
// entry with shared chunks, each command in its own chunk (src/cli/commands/index.ts loads them lazily),
// packages left as imports except the pure-JS ones every start loads (BUNDLED). lib/.stamp records the newest source time it was built from:
// bin/callfloor.mjs uses lib/ only while no source file is newer.
import { build } from 'esbuild';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { newestSource } from './newest-source.mjs';
import { join } from 'node:path';

/** Dependencies compiled into lib/ instead of imported from node_modules at run time. */
const BUNDLED = [
  'kysely',
  'zod',
  'fastify',
  '@fastify/compress',
  '@fastify/cookie',
  '@fastify/helmet',
  '@fastify/static',
  '@fastify/websocket',
  'sanitize-html',
  'commander',
];

export { newestSource, SOURCE_DIRS } from './newest-source.mjs';

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('..', import.meta.url).pathname;
  // `node scripts/build-cli.mjs [outdir]`: lib/ by default. Built beside it and swapped in with two
  // renames, so a callfloor started meanwhile finds either the old build or the new one, whole.
  const target = join(root, process.argv[2] ?? 'lib');
  const fresh = `${target}.new-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  const from = newestSource(root);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts', 'src/server/wfm/solveWorker.ts', 'src/server/importThread.ts', 'src/server/reportThread.ts'],
    outdir: fresh,
    outbase: 'src',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // packages stay imports, except the pure-ESM ones every command loads (kysely, zod): one bundle instead of
    // hundreds of small modules to resolve and compile at each start (issue 16: server ready < 1 s)
    external: Object.keys(pkg.dependencies).filter((d) => !BUNDLED.includes(d)),
    sourcemap: 'linked',
    logLevel: 'warning',
    // bundled CommonJS packages call require(): give the ES modules one
    banner: { js: "import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);" },
  });
  writeFileSync(join(fresh, '.stamp'), String(from));
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
  console.log(`built ${target} (the callfloor command)`);
}
