/**
 * Third-party data sets read in place from ../shared/data (never copied into the repository).
 * On a clone without that folder a test that needs one skips with a one-line reason; on CI
 * (CI=true) the folder is required and a missing file fails the test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

const ROOT = new URL('../../shared/data/', import.meta.url);

export interface SharedDataFile {
  path: string;
  /** In a test: true (and the test is marked skipped) when the file is absent off CI. */
  skip(t: TestContext): boolean;
  read(): string;
}

export function sharedData(rel: string): SharedDataFile {
  const path = fileURLToPath(new URL(rel, ROOT));
  return {
    path,
    skip(t) {
      if (existsSync(path)) return false;
      if (process.env.CI === 'true') throw new Error(`CI=true needs the shared data set ../shared/data/${rel}`);
      t.skip(`../shared/data/${rel} is absent (third-party data set, not in the repository)`);
      return true;
    },
    read: () => readFileSync(path, 'utf8'),
  };
}
