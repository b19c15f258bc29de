/**
 * An upload's file as a stream of bytes, never held whole: the raw request body, or the first file
 * part of a multipart/form-data body (boundaries found across chunk borders).
 */
import { validationError } from '../core/errors';

const noFilePart = () => validationError('body', 'multipart body has no file part', { reason: 'import.noFilePart', params: { field: 'body' } });

/** The first file part of a multipart body, streamed; the rest of the body is read and dropped (the request stays whole). */
export async function* multipartFile(src: AsyncIterable<Buffer | string>, boundary: string): AsyncGenerator<Buffer> {
  const delim = Buffer.from(`\r\n--${boundary}`);
  // a CRLF in front lets the first boundary match the same delimiter as the others
  let buf: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'headers' | 'body' | 'skip' | 'done' = 'preamble';
  for await (const c of src) {
    if (state === 'done') continue; // drain: never end the request stream early
    const chunk = typeof c === 'string' ? Buffer.from(c) : c;
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (state === 'preamble' || state === 'skip') {
        const i = buf.indexOf(delim);
        if (i < 0) {
          buf = buf.subarray(Math.max(0, buf.length - delim.length));
          break;
        }
        buf = buf.subarray(i + delim.length);
        state = 'headers';
      }
      if (state === 'headers') {
        if (buf.length < 2) break;
        if (buf[0] === 0x2d && buf[1] === 0x2d) throw noFilePart(); // the closing boundary, no file seen
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buf.length > 16 * 1024)
            throw validationError('body', 'multipart part headers too long', { reason: 'import.headersTooLong', params: { field: 'body' } });
          break;
        }
        const head = buf.subarray(0, end).toString('utf8');
        buf = buf.subarray(end + 4);
        state = /filename=/i.test(head) || /name="file"/i.test(head) ? 'body' : 'skip';
        continue;
      }
      if (state === 'body') {
        const i = buf.indexOf(delim);
        if (i >= 0) {
          if (i > 0) yield buf.subarray(0, i);
          buf = Buffer.alloc(0);
          state = 'done';
          break;
        }
        const keep = delim.length - 1; // a delimiter may start in this chunk's tail
        if (buf.length > keep) {
          yield buf.subarray(0, buf.length - keep);
          buf = buf.subarray(buf.length - keep);
        }
        break;
      }
      break;
    }
  }
  if (state !== 'done') throw noFilePart();
}

/** The file of an upload request: multipart's first file part, else the body as it is. */
export function uploadChunks(body: AsyncIterable<Buffer | string>, contentType: string | undefined): AsyncIterable<Buffer | string> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!/^multipart\/form-data/i.test(contentType ?? '') || !m) return body;
  return multipartFile(body, (m[1] ?? m[2])!.trim());
}
