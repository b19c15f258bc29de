/** Test helper: total length of the union of [from, to) intervals (seconds), per key, summed. */
export function unionSeconds(spans: readonly { key: string; from: number; to: number }[]): number {
  const by = new Map<string, [number, number][]>();
  for (const s of spans) {
    if (s.to <= s.from) continue;
    const l = by.get(s.key) ?? [];
    l.push([s.from, s.to]);
    by.set(s.key, l);
  }
  let total = 0;
  for (const l of by.values()) {
    l.sort((a, b) => a[0] - b[0]);
    let [cs, ce] = l[0]!;
    for (const [s, e] of l.slice(1)) {
      if (s > ce) {
        total += ce - cs;
        [cs, ce] = [s, e];
      } else ce = Math.max(ce, e);
    }
    total += ce - cs;
  }
  return total;
}
