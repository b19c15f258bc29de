/** Minimal binary min-heap on (t, seq) for the event calendar. */
export interface Timed {
  t: number;
  seq: number;
}
export class Heap<T extends Timed> {
  private a: T[] = [];
  get size(): number {
    return this.a.length;
  }
  push(x: T): void {
    // sift up with a hole (no swaps, no temporary arrays: the simulators push hundreds of thousands of events)
    const a = this.a;
    let i = a.length;
    a.push(x);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const y = a[p]!;
      if (!(x.t < y.t || (x.t === y.t && x.seq < y.seq))) break;
      a[i] = y;
      i = p;
    }
    a[i] = x;
  }
  /** The earliest event without taking it out. */
  peek(): T | undefined {
    return this.a[0];
  }
  pop(): T | undefined {
    const a = this.a;
    if (!a.length) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    const n = a.length;
    if (n) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let m = l;
        let y = a[l]!;
        if (r < n) {
          const z = a[r]!;
          if (z.t < y.t || (z.t === y.t && z.seq < y.seq)) {
            m = r;
            y = z;
          }
        }
        if (!(y.t < last.t || (y.t === last.t && y.seq < last.seq))) break;
        a[i] = y;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}
