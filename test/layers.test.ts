/**
 * The layer rules of eslint.config.mjs, checked through ESLint's own API: a file placed in a layer
 * (by its path; nothing is written) that imports across a forbidden boundary is an error, and the
 * allowed imports next to it are not.
 */
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

/** The layer-rule messages ESLint gives for `code` as if it were the file at `path` (from the repo root). */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2).map((m) => m.message);
}

const refused: Array<[string, string, RegExp]> = [
  ['src/core/kpi2.ts', "import { buildApp } from '../server/app';\nexport const x = buildApp;\n", /src\/core must not import src\/server/],
  ['src/core/wfm/solver2.ts', "import type { Store } from '../../store/db';\nexport type X = Store;\n", /src\/core must not import src\/store/],
  [
    'src/core/wfm/deep/a/b.ts',
    "import { importText } from '../../../../ingest/import';\nexport const x = importText;\n",
    /src\/core must not import src\/ingest/,
  ],
  ['src/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /src\/core is pure/],
  ['src/core/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n", /src\/core is pure/],
  ['src/core/x.ts', "import { run } from '../../bench/run';\nexport const x = run;\n", /outside src/],
  ['src/store/live/other.ts', "import { tzOffsetFn } from '../../ingest/common';\nexport const x = tzOffsetFn;\n", /src\/store must not import src\/ingest/],
  ['src/store/org2.ts', "import { signIn } from '../server/testing';\nexport const x = signIn;\n", /src\/store must not import src\/server/],
  ['src/store/org2.ts', "export { main } from '../cli/main';\n", /src\/store must not import src\/cli/],
  ['src/ingest/pwc2.ts', "import { buildApp } from '../server/app';\nexport const x = buildApp;\n", /src\/ingest must not import src\/server/],
  ['src/web/pages/live/Floor2.tsx', "import type { Tile } from '../../../server/liveFloor';\nexport type X = Tile;\n", /src\/web must not import src\/server/],
  ['src/web/api2.ts', "import { createUser } from '../store/org';\nexport const x = createUser;\n", /src\/web must not import src\/store/],
  ['src/contract/live.ts', "import type { Store } from '../store/db';\nexport type X = Store;\n", /src\/contract must not import src\/store/],
  ['src/services/wfm/plan2.ts', "import { buildApp } from '../../server/app';\nexport const x = buildApp;\n", /src\/services must not import src\/server/],
  ['src/services/x.ts', "import { main } from '../cli/main';\nexport const x = main;\n", /src\/services must not import src\/cli/],
  ['src/store/org2.ts', "import type { ServiceDeps } from '../services/context';\nexport type X = ServiceDeps;\n", /src\/store must not import src\/services/],
  ['src/contract/live.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /src\/contract imports only zod/],
];

test('an import that breaks a layer rule is a lint error naming the layers', async () => {
  for (const [path, code, message] of refused) {
    const errors = await layerErrors(path, code);
    assert.equal(errors.length, 1, `${path}: ${code.split('\n')[0]} → ${JSON.stringify(errors)}`);
    assert.match(errors[0]!, message, path);
  }
});

const allowed: Array<[string, string]> = [
  [
    'src/core/wfm/solver2.ts',
    "import { validationError } from '../errors';\nimport { erlangC } from './erlang';\nexport const x = [validationError, erlangC];\n",
  ],
  ['src/core/x.ts', "import { zoneOffsetMin } from './timezone';\nexport const x = zoneOffsetMin;\n"],
  [
    'src/store/live/other.ts',
    "import { zoneOffsetMin } from '../../core/timezone';\nimport type { Store } from '../db';\nexport const x = zoneOffsetMin;\nexport type S = Store;\n",
  ],
  [
    'src/ingest/pwc2.ts',
    "import { validationError } from '../core/errors';\nimport type { Store } from '../store/db';\nexport const x = validationError;\nexport type S = Store;\n",
  ],
  [
    'src/server/routes/x.ts',
    "import { importText } from '../../ingest/import';\nimport { createUser } from '../../store/org';\nexport const x = [importText, createUser];\n",
  ],
  [
    'src/web/pages/live/Floor2.tsx',
    "import type { Role } from '../../../core/roles';\nimport type { LiveBoard } from '../../../contract/live';\nimport { api } from '../../api';\nexport type X = [Role, LiveBoard];\nexport const y = api;\n",
  ],
  ['src/contract/live.ts', "import { z } from 'zod';\nimport { ROLES } from '../core/roles';\nexport const x = z.enum(ROLES);\n"],
  [
    'src/services/wfm/plan2.ts',
    "import type { Store } from '../../store/db';\nimport { importText } from '../../ingest/import';\nimport { erlangC } from '../../core/wfm/erlang';\nexport type S = Store;\nexport const x = [importText, erlangC];\n",
  ],
  // tests compose layers: a core test may load its data through an ingest parser
  ['src/core/wfm/bank2.test.ts', "import { parseAnonymousBank } from '../../ingest/anonymousBank';\nexport const x = parseAnonymousBank;\n"],
];

test('imports that point inward, or stay in their layer, pass', async () => {
  for (const [path, code] of allowed) assert.deepEqual(await layerErrors(path, code), [], path);
});
