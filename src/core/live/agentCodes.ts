/**
 * The order agent codes are listed in, as people read them: digit runs by their number (`A2` before `A10`,
 * `999` before `1000`), letters without case (`a1` next to `A1`), and, only where that leaves two codes
 * equal (`A1` / `a1`, `A01` / `A1`), by code point, so the order is total. Written out rather than the
 * browser's collator (`Intl.Collator` with `numeric`): building that on the wallboard's first sort cost
 * ~30 ms before the first tiles (issue 16).
 */
export function compareAgentCodes(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      // one number each: the longer one (without leading zeros) is larger, else the first differing digit decides
      const [si, ei] = digitRun(a, i);
      const [sj, ej] = digitRun(b, j);
      if (ei - si !== ej - sj) return ei - si - (ej - sj);
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d) return d;
      }
      i = ei;
      j = ej;
      continue;
    }
    const d = lower(ca) - lower(cb);
    if (d) return d;
    i++;
    j++;
  }
  // one ran out first: the shorter one first
  const rest = a.length - i - (b.length - j);
  if (rest) return rest;
  return a < b ? -1 : a > b ? 1 : 0;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** The digits of the run starting at `from`: [first significant digit, end of the run]. */
function digitRun(s: string, from: number): [number, number] {
  let end = from;
  while (end < s.length && isDigit(s.charCodeAt(end))) end++;
  let start = from;
  while (start < end - 1 && s.charCodeAt(start) === 48) start++;
  return [start, end];
}
