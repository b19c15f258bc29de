/**
 * What a file is, from its first bytes: refused before anything is stored when it is binary or not the
 * format asked for, and the format found when none was asked (`auto`). Pure: bytes in, an answer out.
 */
import { DomainError } from '../core/errors';
import { IMPORT_FORMATS, type ImportFormat } from '../core/live/names';
import { looksLikeCsv } from './queueLog';

/** How much of the file the sniffer looks at. */
export const SNIFF_BYTES = 64 * 1024;

const refuse = (reason: string, message: string, params: Record<string, string | number>) =>
  new DomainError(`file: ${message}`, 'validation', 'file', { reason, params: { field: 'file', ...params } });

/** Signatures of common binary files (an archive or a spreadsheet sent by mistake), said by name. */
const MAGIC: [string, number[]][] = [
  ['gzip', [0x1f, 0x8b]],
  ['zip/xlsx', [0x50, 0x4b, 0x03, 0x04]],
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['xls', [0xd0, 0xcf, 0x11, 0xe0]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58]],
];

/** The kind of binary file `head` starts, or null when it reads as UTF-8 text. */
export function binaryKind(head: Uint8Array): string | null {
  for (const [name, sig] of MAGIC) if (sig.every((b, i) => head[i] === b)) return name;
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'binary';
    // control characters other than tab, LF, CR, form feed and escape
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) control++;
  }
  if (control > head.length / 100) return 'binary';
  // valid UTF-8, allowing a multi-byte character cut at the end of the sample
  let end = head.length;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = head[end - k]!;
    if ((b & 0xc0) === 0xc0) {
      end -= k;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
  } catch {
    return 'binary';
  }
  return null;
}

/** The first non-blank lines of a text sample (BOM and CR removed), at most `n`. */
export function headLines(text: string, n = 5): string[] {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: string[] = [];
  for (const raw of t.split('\n')) {
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l.trim()) out.push(l);
    if (out.length >= n) break;
  }
  return out;
}

const PIPE_LINE = /^\d+(\.\d+)?\|[^|]*\|[^|]*\|[^|]*\|[A-Za-z_]+/;

/** Formats the first line fits, best first (a header or a first record tells). */
export function detectFormats(first: string): ImportFormat[] {
  const lower = first.toLowerCase();
  const out: ImportFormat[] = [];
  if (/^\s*\{/.test(first)) out.push('jsonl');
  if (PIPE_LINE.test(first) || looksLikeCsv(first)) out.push('queue_log');
  if (first.includes('\t') && lower.includes('vru_entry') && lower.includes('outcome')) out.push('anonymous-bank');
  if (lower.includes('call id') && lower.includes('topic')) out.push('pwc');
  if (/(^|,)\s*"?(score|rating)"?\s*(,|$)/.test(lower)) out.push('survey-csv');
  return out;
}

/**
 * Check the head of an upload before anything is read further: refused (a DomainError on `file`
 * with reason `import.binary`, `import.empty`, `import.wrongFormat` or `import.unknownFormat`) when it
 * is binary, empty, or not `format`; the format to use otherwise (`auto`: the one detected).
 */
export function sniffImport(head: Uint8Array, format: ImportFormat | 'auto'): ImportFormat {
  const kind = binaryKind(head);
  if (kind) throw refuse('import.binary', `this is a binary file (${kind}), not a text export; nothing was stored`, { kind });
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf8');
  const lines = headLines(text);
  if (!lines.length) throw refuse('import.empty', 'the file is empty', {});
  const first = lines[0]!;
  const fits = detectFormats(first);
  if (format === 'auto') {
    if (!fits.length)
      throw refuse('import.unknownFormat', `the first line fits none of ${IMPORT_FORMATS.join(', ')}: '${first.slice(0, 80)}'`, {
        first: first.slice(0, 80),
      });
    return fits[0]!;
  }
  if (!fits.includes(format)) {
    const detected = fits[0] ?? '';
    throw refuse(
      'import.wrongFormat',
      `the file does not look like ${format}${detected ? ` (it looks like ${detected})` : ''}: first line '${first.slice(0, 80)}'; nothing was stored`,
      { format, detected, first: first.slice(0, 80) },
    );
  }
  return format;
}
