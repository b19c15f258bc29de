/**
 * Every refusal reaches the web with a stable reason (issue 14): a DomainError created in src without a
 * `reason` would be shown in English. The scan reads the source with TypeScript's parser and lists each
 * `new DomainError(…)`, `new InputError(…)`, `validationError(…)`, `conflict(…)` and `forbidden(…)`
 * whose arguments carry no `reason`. `notFound(entity, id)` always carries `common.notFound`, and
 * `forbidden` needs a reason by its type. The exceptions below are explicit: pass-throughs that copy a
 * reason from the error they wrap, and the validation/conflict refusals written before reasons existed,
 * counted per file — a count may only go down (give the refusal a reason, then lower it here).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { notFound, NOT_FOUND_ENTITIES } from '../src/core/errors';
import { refusalMessages } from '../src/web/i18n/refusals';
import { LOCALES } from '../src/web/i18n/types';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAKERS = new Set(['DomainError', 'InputError', 'validationError', 'conflict', 'forbidden']);

/** Sites without a reason that are allowed, by file: how many. */
const WITHOUT_REASON: Record<string, number> = {
  // the helpers themselves pass the caller's detail on; the relay re-creates the error it received with its reason
  'src/core/errors.ts': 4,
  'src/server/connectorRelay.ts': 1,
  // command-line only: `schedule solve` reads files and names the row or field for the person at the terminal
  'src/core/wfm/shiftDesign/input.ts': 26,
  // written before reasons existed (validation and conflict refusals): to be given reasons
};

/** Every string a refusal's `reason` can be, by file (a literal, or either arm of a `c ? 'a' : 'b'`). */
function refusalReasonLiterals(): Array<{ file: string; line: number; reason: string }> {
  const out: Array<{ file: string; line: number; reason: string }> = [];
  const literals = (e: ts.Expression): string[] =>
    ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)
      ? [e.text]
      : ts.isConditionalExpression(e)
        ? [...literals(e.whenTrue), ...literals(e.whenFalse)]
        : ts.isParenthesizedExpression(e)
          ? literals(e.expression)
          : [];
  for (const path of sources(join(root, 'src'))) {
    const file = relative(root, path);
    if (file.startsWith('src/web/')) continue;
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && ts.isIdentifier(n.expression) && MAKERS.has(n.expression.text))
        for (const a of n.arguments ?? [])
          if (ts.isObjectLiteralExpression(a))
            for (const p of a.properties)
              if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'reason')
                for (const reason of literals(p.initializer)) out.push({ file, line: sf.getLineAndCharacterOfPosition(p.getStart()).line + 1, reason });
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/** Every locale's messages as the web merges them (each `src/web/i18n/*.ts` message set). */
async function webMessages(): Promise<Record<string, Record<string, unknown>>> {
  const dir = join(root, 'src/web/i18n');
  const merged: Record<string, Record<string, unknown>> = Object.fromEntries(LOCALES.map((l) => [l, {}]));
  const merge = (into: Record<string, unknown>, from: object) => {
    for (const [k, v] of Object.entries(from)) {
      if (typeof v === 'object' && v) merge((into[k] ??= {}) as Record<string, unknown>, v as object);
      else into[k] = v;
    }
  };
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')) {
    const mod = (await import(join(dir, f))) as Record<string, unknown>;
    for (const v of Object.values(mod))
      if (v && typeof v === 'object' && LOCALES.every((l) => l in v)) for (const l of LOCALES) merge(merged[l]!, (v as Record<string, object>)[l]!);
  }
  return merged;
}

function* sources(dir: string): Generator<string> {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)) yield p;
  }
}

/** file → the refusals in it that carry no reason (line: text). */
function refusalsWithoutReason(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const path of sources(join(root, 'src'))) {
    const file = relative(root, path);
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && ts.isIdentifier(n.expression) && MAKERS.has(n.expression.text)) {
        const hasReason = (n.arguments ?? []).some(
          (a) => ts.isObjectLiteralExpression(a) && a.properties.some((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'reason'),
        );
        if (!hasReason) {
          const line = sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
          out.set(file, [...(out.get(file) ?? []), `${line}: ${n.getText().slice(0, 80).replace(/\s+/g, ' ')}`]);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

test('no DomainError is created without a reason, beyond the explicit exceptions (whose counts only go down)', () => {
  const found = refusalsWithoutReason();
  const problems: string[] = [];
  for (const [file, sites] of found) {
    const allowed = WITHOUT_REASON[file] ?? 0;
    if (sites.length > allowed) problems.push(`${file}: ${sites.length} without a reason (allowed ${allowed}):\n  ${sites.join('\n  ')}`);
  }
  for (const [file, allowed] of Object.entries(WITHOUT_REASON))
    if (!file.startsWith('__') && (found.get(file)?.length ?? 0) < allowed)
      problems.push(`${file}: only ${found.get(file)?.length ?? 0} left without a reason: lower its count to that`);
  assert.deepEqual(problems, []);
});

test('every reason a refusal is given in src is said in zh-CN, zh-TW and en (errors.<reason>)', async () => {
  const messages = await webMessages();
  const at = (tree: unknown, key: string) =>
    key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), tree);
  const sites = refusalReasonLiterals();
  assert.ok(sites.length > 200, `found ${sites.length} reasons`);
  const missing = sites.flatMap((s) =>
    LOCALES.filter((l) => typeof at(messages[l], `errors.${s.reason}`) !== 'string').map((l) => `${s.file}:${s.line} ${s.reason} (${l})`),
  );
  assert.deepEqual(missing, []);
});

test('a not-found names its entity with common.notFound, and every entity is said in zh-CN, zh-TW and en', () => {
  const e = notFound('agent', 42);
  assert.equal(e.code, 'not_found');
  assert.equal(e.reason, 'common.notFound');
  assert.deepEqual(e.params, { entity: 'agent', id: 42 });
  assert.equal(e.message, 'agent 42 not found');
  assert.equal(notFound('scorecardTemplate', 7).message, 'scorecard template 7 not found');
  for (const l of LOCALES) {
    const entities = refusalMessages[l].entities as Record<string, string>;
    const missing = NOT_FOUND_ENTITIES.filter((k) => typeof entities[k] !== 'string' || !entities[k]);
    assert.deepEqual(missing, [], `${l}: entities without a name`);
  }
});
