/** Immutable list edits for the setup editors (rows added, changed, removed and reordered in React state). */

export const replaceAt = <T>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, j) => (j === i ? x : y));

export const removeAt = <T>(xs: readonly T[], i: number): T[] => xs.filter((_, j) => j !== i);

/** Moves the element at `i` by `delta` places (−1 up, +1 down); a move past either end changes nothing. */
export function moveBy<T>(xs: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= xs.length || i < 0 || i >= xs.length) return [...xs];
  const out = [...xs];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** A number input's value: empty text is NaN (sent as null, so the server says the field is required). */
export const numberOf = (text: string): number => (text.trim() === '' ? NaN : Number(text));

/** A number for a number input: NaN shows as empty. */
export const textOf = (n: number | null | undefined): string => (n == null || Number.isNaN(n) ? '' : String(n));
