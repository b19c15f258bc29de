import type { Measures } from './measures';

/** Ratios from DESIGN.md, derived from (summed) measures. A missing figure is null, never 0. */
export interface Kpis {
  answerRate: number | null;
  serviceLevel: number | null;
  asa: number | null;
  aht: number | null;
  occupancy: number | null;
  notReadyShare: number | null;
  idleShare: number | null;
  transferRate: number | null;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

export function answerRate(m: Measures): number | null {
  return ratio(m.answered, m.offered);
}
export function serviceLevel(m: Measures): number | null {
  return ratio(m.answeredWithinSl, m.offered - m.shortAbandoned);
}
export function asa(m: Measures): number | null {
  return ratio(m.waitAnswered, m.answered);
}
export function aht(m: Measures): number | null {
  return ratio(m.talk + m.hold + m.acw, m.handled);
}
export function occupancy(m: Measures): number | null {
  return ratio(m.talk + m.hold + m.acw + m.ring, m.staffed - m.notReady);
}
export function notReadyShare(m: Measures): number | null {
  return ratio(m.notReady, m.staffed);
}
export function idleShare(m: Measures): number | null {
  return ratio(m.idle, m.staffed);
}
export function transferRate(m: Measures): number | null {
  return ratio(m.transferred, m.handled);
}

export function deriveKpis(m: Measures): Kpis {
  return {
    answerRate: answerRate(m),
    serviceLevel: serviceLevel(m),
    asa: asa(m),
    aht: aht(m),
    occupancy: occupancy(m),
    notReadyShare: notReadyShare(m),
    idleShare: idleShare(m),
    transferRate: transferRate(m),
  };
}
