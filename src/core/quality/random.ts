/** Seeded pseudo-random numbers (mulberry32) so sampling is reproducible: same seed, same sample. */
import { hashString, mulberry32 } from '../random';
export type Rng = () => number;

/** Returns a generator of floats in [0, 1). The seed may be any integer or string. */
export function seededRng(seed: number | string): Rng {
  return mulberry32(typeof seed === 'number' ? seed : hashString(seed));
}

export { hashString };

/** k elements drawn without replacement (partial Fisher–Yates); the input is not changed. */
export function sampleWithoutReplacement<T>(items: readonly T[], k: number, rng: Rng): T[] {
  const a = [...items];
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}
