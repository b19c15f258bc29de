/**
 * The three locales say the same things (issue 14): every key of one locale exists in the others with
 * the same {{placeholders}}, zh-CN text has no Traditional-only character and zh-TW none Simplified-only
 * (checked character by character with OpenCC), and one glossary term per concept.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { LOCALES, type Messages } from './types';
import { otherScriptChars } from './scriptCheck';

type Tree = { [k: string]: string | Tree };

function flatten(t: Tree, prefix = '', out = new Map<string, string>()) {
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}

async function allMessages(): Promise<Array<[string, Messages]>> {
  const dir = new URL('.', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'types.ts');
  const out: Array<[string, Messages]> = [];
  for (const f of files) {
    const mod = (await import(new URL(f, dir).href)) as Record<string, unknown>;
    for (const [name, v] of Object.entries(mod))
      if (v && typeof v === 'object' && LOCALES.every((l) => l in (v as object))) out.push([`${f}:${name}`, v as Messages]);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();

test('every key exists in zh-CN, zh-TW and en, with the same placeholders', async () => {
  const sets = await allMessages();
  assert.ok(sets.length >= 10, `found ${sets.length} message sets`);
  const problems: string[] = [];
  for (const [name, m] of sets) {
    const flat = Object.fromEntries(LOCALES.map((l) => [l, flatten(m[l] as Tree)]));
    const keys = new Set(LOCALES.flatMap((l) => [...flat[l]!.keys()]));
    for (const k of keys) {
      const missing = LOCALES.filter((l) => !flat[l]!.has(k));
      if (missing.length) {
        problems.push(`${name}: ${k} missing in ${missing.join(', ')}`);
        continue;
      }
      const ph = LOCALES.map((l) => placeholders(flat[l]!.get(k)!).join(','));
      if (new Set(ph).size > 1) problems.push(`${name}: ${k} placeholders differ: ${LOCALES.map((l, i) => `${l}[${ph[i]}]`).join(' ')}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('zh-CN is written in Simplified characters and zh-TW in Traditional ones', async () => {
  const problems: string[] = [];
  for (const [name, m] of await allMessages()) {
    for (const [k, v] of flatten(m['zh-CN'] as Tree)) {
      const bad = otherScriptChars(v, 'zh-CN');
      if (bad.length) problems.push(`${name} zh-CN ${k}: ${bad.join('')} in “${v}”`);
    }
    for (const [k, v] of flatten(m['zh-TW'] as Tree)) {
      const bad = otherScriptChars(v, 'zh-TW');
      if (bad.length) problems.push(`${name} zh-TW ${k}: ${bad.join('')} in “${v}”`);
    }
  }
  assert.deepEqual(problems, []);
});

test('one glossary term per concept: 坐席 for an agent; 座席 only in the post name 疑难座席 / 疑難座席 (DESIGN.md)', async () => {
  const hits: string[] = [];
  for (const [name, m] of await allMessages())
    for (const l of ['zh-CN', 'zh-TW'] as const)
      for (const [k, v] of flatten(m[l] as Tree)) if (v.replace(/疑[难難]座席/g, '').includes('座席')) hits.push(`${name} ${l} ${k}: ${v}`);
  assert.deepEqual(hits, []);
});
