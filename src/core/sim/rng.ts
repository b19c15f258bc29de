/** Seeded PRNG (mulberry32) and the distributions the simulator needs. Pure: state in the closure. */
export interface Rng {
  next(): number; // uniform [0, 1)
  exp(mean: number): number;
  lognormal(mean: number, cv: number): number;
  normal(): number;
  pick<T>(items: readonly T[], weights?: readonly number[]): T;
}

import { mulberry32 } from '../random';

export { mulberry32 };

export function makeRng(seed: number): Rng {
  const u = mulberry32(seed);
  let spare: number | undefined;
  const normal = () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let x = 0;
    while (x === 0) x = u();
    const r = Math.sqrt(-2 * Math.log(x));
    const th = 2 * Math.PI * u();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
  return {
    next: u,
    normal,
    exp: (mean) => -mean * Math.log(1 - u()),
    lognormal: (mean, cv) => {
      const s2 = Math.log(1 + cv * cv);
      return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normal());
    },
    pick: (items, weights) => {
      if (!weights) return items[Math.floor(u() * items.length)]!;
      const tot = weights.reduce((a, b) => a + b, 0);
      let x = u() * tot;
      for (let i = 0; i < items.length; i++) if ((x -= weights[i]!) < 0) return items[i]!;
      return items[items.length - 1]!;
    },
  };
}
