#!/usr/bin/env node
// The callfloor command. Runs the built JavaScript in lib/ (npm run build:cli; built on install) while it
// is as new as the sources; otherwise (a developer's edited tree, or no build) the TypeScript through tsx.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = new URL('../lib/cli/main.js', import.meta.url);

async function builtIsFresh() {
  if (process.env.CALLFLOOR_TSX === '1' || !existsSync(built)) return false;
  // an installed package has no src/: what was built is what there is
  if (!existsSync(`${root}/src`)) return true;
  const { newestSource } = await import('../scripts/newest-source.mjs');
  const stamp = Number(readFileSync(new URL('../lib/.stamp', import.meta.url), 'utf8'));
  return newestSource(root) <= stamp;
}

if (await builtIsFresh()) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
