import type { Segment } from '../../../contract/kb';

export type { Segment };

/** Highlighted text from the server's segments, rendered as React text (never as HTML). */

export function Highlight({ segments, cutStart, cutEnd }: { segments: Segment[]; cutStart?: boolean; cutEnd?: boolean }) {
  return (
    <>
      {cutStart ? '…' : null}
      {segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
      {cutEnd ? '…' : null}
    </>
  );
}

export const hashParam = (name: string) => new URLSearchParams(location.hash.split('?')[1] ?? '').get(name);
