/** Exponential back-off between reconnects: min, min·factor, … capped at max; reset after a good session. */
export class Backoff {
  private n = 0;
  constructor(
    readonly minMs = 1000,
    readonly maxMs = 60_000,
    readonly factor = 2,
  ) {}

  /** The next delay (and counts the attempt). */
  next(): number {
    const d = Math.min(this.maxMs, this.minMs * this.factor ** this.n);
    this.n += 1;
    return d;
  }

  reset() {
    this.n = 0;
  }

  get attempts() {
    return this.n;
  }
}
