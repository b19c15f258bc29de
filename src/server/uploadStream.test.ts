import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multipartFile } from './uploadStream';

async function* pieces(b: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
const collect = async (it: AsyncIterable<Buffer>) => {
  const out: Buffer[] = [];
  for await (const c of it) out.push(c);
  return Buffer.concat(out).toString('utf8');
};

test('multipart: the first file part streamed out whatever the chunk size, other parts skipped', async () => {
  const file = 'line 1|a\r\nline 2|b\n--not-the-boundary\r\n句子\n';
  const body = Buffer.from(
    `preamble\r\n--B0\r\nContent-Disposition: form-data; name="format"\r\n\r\nqueue_log\r\n--B0\r\nContent-Disposition: form-data; name="file"; filename="q"\r\n\r\n${file}\r\n--B0--\r\n`,
  );
  for (const size of [1, 2, 3, 7, 64, body.length]) assert.equal(await collect(multipartFile(pieces(body, size), 'B0')), file, `chunks of ${size}`);
});

test('multipart: a body without a file part is refused', async () => {
  const body = Buffer.from(`--B0\r\nContent-Disposition: form-data; name="format"\r\n\r\nqueue_log\r\n--B0--\r\n`);
  await assert.rejects(collect(multipartFile(pieces(body, 5), 'B0')), /no file part/);
});
