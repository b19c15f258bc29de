/**
 * The streaming import (issue 16): batches smaller than the file, a bad line in the middle named with
 * its number, the rest stored; the same events as the whole-file parser; refusals before any store.
 * Counts are worked out by hand from how the files are built.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallFloorEvent } from '../core/events';
import { DomainError } from '../core/errors';
import type { ImportSink } from './import';
import { parseQueueLog } from './queueLog';
import { importStream, MAX_LISTED_REJECTS, type ImportProgress } from './stream';
import { sharedData } from '../../test/sharedData';

const T0 = 1_796_054_400; // 2026-11-30 16:00:00 UTC, epoch seconds

/** A sink like the store: new ids accepted, repeats counted; every batch kept. */
function memorySink() {
  const ids = new Set<string>();
  const batches: CallFloorEvent[][] = [];
  const sink: ImportSink = {
    async store(events) {
      batches.push(events);
      let accepted = 0;
      for (const e of events) {
        if (ids.has(e.id)) continue;
        ids.add(e.id);
        accepted++;
      }
      return { accepted, duplicates: events.length - accepted };
    },
  };
  return { sink, batches, ids };
}

/** `n` callers who enter `queue` and leave after 5 s: 2 lines, 2 events each, one call every `step` seconds. */
function abandonLines(n: number, queue = 'sales', step = 1): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`${T0 + i * step}|c${i}|${queue}|NONE|ENTERQUEUE||100`, `${T0 + i * step + 5}|c${i}|${queue}|NONE|ABANDON|1|1|5`);
  return out;
}

/** A source that hands the text over in pieces of `size` bytes (cut anywhere, even inside a character). */
async function* pieces(text: string | Buffer, size: number): AsyncGenerator<Buffer> {
  const b = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

test('stream import: a queue_log of several batches with a bad line in the middle and a repeated line', async () => {
  const lines = abandonLines(175, 'sales', 10); // 350 lines, 350 events over 29 minutes (more than the ordering window)
  lines.splice(100, 0, 'this is not a queue_log line'); // now line 101
  lines.splice(250, 0, lines[249]!); // line 251 repeats line 250
  const text = lines.join('\n') + '\n';
  const { sink, batches, ids } = memorySink();
  const seen: ImportProgress[] = [];
  const rep = await importStream('queue_log', pieces(text, 997), sink, {
    batchLines: 100,
    totalBytes: Buffer.byteLength(text),
    onProgress: (p) => seen.push(p),
  });
  assert.equal(rep.format, 'queue_log');
  assert.equal(rep.linesRead, 352);
  assert.equal(rep.eventsStored, 350);
  assert.equal(ids.size, 350);
  assert.equal(rep.duplicates, 1);
  assert.equal(rep.rejectedTotal, 1);
  assert.deepEqual(
    rep.rejected.map((r) => [r.line, r.code]),
    [[101, 'import.fieldCount']],
  );
  assert.ok(batches.length > 2, `stored in ${batches.length} batches`);
  assert.ok(
    batches.every((b) => b.length <= 100),
    'no batch larger than asked',
  );
  // progress: bytes grow to the file's size, the last report says all lines
  assert.ok(seen.length > 2);
  assert.equal(seen.at(-1)!.bytes, Buffer.byteLength(text));
  assert.equal(seen.at(-1)!.lines, 352);
  assert.equal(seen.at(-1)!.etaS, 0);
  // the imported period: first ENTERQUEUE to last ABANDON (call 174 at 1740 s, + 5 s)
  assert.equal(rep.firstTs, T0 * 1000);
  assert.equal(rep.lastTs, (T0 + 1745) * 1000);
  // the same events as the whole-file parser
  const whole = parseQueueLog(text);
  assert.deepEqual([...ids].sort(), whole.events.map((e) => e.id).sort());
});

test('stream import: lines a few minutes out of order and a file cut inside characters give the whole-file events', async () => {
  const lines = abandonLines(300, '销售队列');
  // line 400 (call 199's ABANDON at T0+204) moved 200 lines up: 100 s out of order
  const [moved] = lines.splice(399, 1);
  lines.splice(199, 0, moved!);
  // agents too: a login, a pause, an unpause and a logoff, in file order
  lines.push(`${T0 + 400}|NONE|销售队列|Agent/501|ADDMEMBER|`, `${T0 + 401}|NONE|NONE|Agent/501|PAUSE|午餐`, `${T0 + 460}|NONE|NONE|Agent/501|UNPAUSE|`);
  lines.push(`${T0 + 470}|NONE|销售队列|Agent/501|REMOVEMEMBER|`);
  const text = lines.join('\r\n');
  const { sink, ids, batches } = memorySink();
  const rep = await importStream('auto', pieces(text, 7), sink, { batchLines: 64 });
  assert.equal(rep.format, 'queue_log');
  assert.equal(rep.linesRead, 604);
  // 600 call events + login, notReady, ready, logout
  assert.equal(rep.eventsStored, 604);
  const whole = parseQueueLog(text);
  assert.deepEqual([...ids].sort(), whole.events.map((e) => e.id).sort());
  const nr = batches.flat().find((e) => e.type === 'agent.notReady');
  assert.equal(nr?.reason, '午餐');
  // the 600 call events carry the queue name intact (cut every 7 bytes); agent states other than talking carry none
  assert.equal(batches.flat().filter((e) => e.queue === '销售队列').length, 600);
});

test('stream import: JSONL with a bad line, repeats across batches counted, survey answers stored last', async () => {
  const t = T0 * 1000;
  const lines = [
    JSON.stringify({ id: 's1', ts: t, type: 'survey', callId: 'k1', score: 4, scale: 5 }),
    ...Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `e${i}`, ts: t + i, type: 'agent.login', agent: `A${i}` })),
    '{not json',
    JSON.stringify({ id: 'e3', ts: t + 3, type: 'agent.login', agent: 'A3' }), // line 33 repeats line 5
  ];
  const { sink, batches } = memorySink();
  const rep = await importStream('jsonl', pieces(lines.join('\n'), 50), sink, { batchLines: 10 });
  assert.equal(rep.linesRead, 33);
  assert.equal(rep.eventsStored, 31);
  assert.equal(rep.duplicates, 1);
  assert.deepEqual(
    rep.rejected.map((r) => [r.line, r.code]),
    [[32, 'import.invalidJson']],
  );
  assert.equal(batches.flat().at(-1)!.id, 's1');
});

test('stream import: a binary file and a file of another format are refused before anything is stored', async () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);
  const nul = Buffer.from('1796054400|c1|sales|NONE|ENTERQUEUE\u0000\u0000\u0000\n');
  const jsonl = Buffer.from(JSON.stringify({ id: 'x', ts: T0 * 1000, type: 'agent.login', agent: '1' }) + '\n');
  const cases: [Buffer, 'queue_log' | 'jsonl' | 'auto', string, Record<string, unknown>][] = [
    [png, 'queue_log', 'import.binary', { kind: 'png' }],
    [nul, 'auto', 'import.binary', { kind: 'binary' }],
    [jsonl, 'queue_log', 'import.wrongFormat', { format: 'queue_log', detected: 'jsonl' }],
    [Buffer.from('1796054400|c1|sales|NONE|ENTERQUEUE||1\n'), 'jsonl', 'import.wrongFormat', { format: 'jsonl', detected: 'queue_log' }],
    [Buffer.from('name,phone\nzhang,123\n'), 'auto', 'import.unknownFormat', {}],
    [Buffer.from('\n\n'), 'auto', 'import.empty', {}],
  ];
  for (const [bytes, format, reason, params] of cases) {
    const { sink, batches } = memorySink();
    await assert.rejects(importStream(format, pieces(bytes, 64), sink), (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.equal(e.reason, reason);
      assert.equal(e.field, 'file');
      for (const [k, v] of Object.entries(params)) assert.equal(e.params?.[k], v, `${reason}: ${k}`);
      return true;
    });
    assert.equal(batches.length, 0, `${reason}: nothing stored`);
  }
});

test('stream import: the rejected lines listed are capped, all of them counted', async () => {
  const n = MAX_LISTED_REJECTS + 500;
  const lines = [...abandonLines(1), ...Array.from({ length: n }, (_, i) => `${T0 + 10 + i}|c|q`)];
  const { sink } = memorySink();
  const rep = await importStream('queue_log', pieces(lines.join('\n'), 4096), sink, { batchLines: 300 });
  assert.equal(rep.eventsStored, 2);
  assert.equal(rep.rejectedTotal, n);
  assert.equal(rep.rejected.length, MAX_LISTED_REJECTS);
  assert.equal(rep.rejected[0]!.line, 3);
});

const PBX_PIPE = sharedData('asterisk_queue_log_pbxware/queue_log_reconstructed');
const PBX_CSV = sharedData('asterisk_queue_log_pbxware/queue_log_pbxware_masked.csv');

test('stream import: the PBXware queue_log (pipe and realtime CSV) streams to the events of the whole-file parser', async (t) => {
  for (const data of [PBX_PIPE, PBX_CSV]) {
    if (data.skip(t)) return;
    const text = data.read();
    const whole = parseQueueLog(text);
    const { sink, ids } = memorySink();
    const rep = await importStream('auto', pieces(text, 64 * 1024), sink, { batchLines: 500 });
    assert.equal(rep.format, 'queue_log');
    assert.deepEqual([...ids].sort(), [...new Set(whole.events.map((e) => e.id))].sort());
    assert.deepEqual(
      rep.rejected.map((r) => r.line),
      whole.rejects.map((r) => r.line),
    );
    assert.deepEqual(rep.unknownEvents, whole.unknownEvents);
  }
});
