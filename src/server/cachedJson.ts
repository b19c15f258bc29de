/**
 * Sending an answer that was serialised once (issue 16: the KPI report of a finished period): its ETag,
 * a 304 when the client already has it, and the compressed copy made once and kept with the answer
 * instead of compressing the same bytes on every request.
 */
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReportBody } from '../services/live/reportCache';

/** Below this the compression plugin's threshold applies too: not worth compressing. */
const COMPRESS_FROM = 1024;

/** Whether one of the If-None-Match tags is this ETag (weak comparison, as for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** br, else gzip, else none, from Accept-Encoding (a q=0 refuses). */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  if (!accept) return null;
  const ok = (name: string) =>
    accept.split(',').some((p) => {
      const [n, ...params] = p.trim().split(';');
      return n!.trim().toLowerCase() === name && !params.some((x) => /^\s*q=0(\.0*)?\s*$/.test(x));
    });
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

export function sendCachedJson(req: FastifyRequest, reply: FastifyReply, body: ReportBody): FastifyReply {
  // private: a scoped answer (a lead's, an agent's) must not be kept by a shared cache; no-cache: ask each time (ETag)
  reply.header('etag', body.etag).header('cache-control', 'private, no-cache').header('vary', 'accept-encoding');
  if (matchesEtag(req.headers['if-none-match'], body.etag)) return reply.status(304).send();
  reply.type('application/json; charset=utf-8');
  const enc = body.cacheable && body.json.length >= COMPRESS_FROM ? pickEncoding(req.headers['accept-encoding']) : null;
  // a one-off answer goes out as text (the compression plugin handles it as any other)
  if (!enc) return reply.send(body.json);
  let buf = body.encoded.get(enc);
  if (!buf) {
    buf =
      enc === 'br'
        ? brotliCompressSync(body.json, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.json.length } })
        : gzipSync(body.json);
    body.encoded.set(enc, buf);
  }
  return reply.header('content-encoding', enc).send(buf);
}
