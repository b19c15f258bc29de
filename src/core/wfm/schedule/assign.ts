// Stage 2: the stage-1 instances go to named agents, every contract rule honoured. Pass 0 deals whole
// weeks to classes whose shifts all pay the same hours; A2 and A bring agents up to their minimum
// hours (A2 by swapping with a class-mate); B hands out the rest; B2 places leftovers by swaps that
// fix a rest conflict. What is left in the pools is reported as unassigned.

import { DAYS, type Agent, type Inst, type Pattern } from './prepare';
import { assign, canTake, prefers, unassign, type Stage2 } from './state';

/** Runs the passes in order: 0, A2, A, B, B2. */
export function assignFromPool(st: Stage2): void {
  dealWeeks(st);
  swapToMinimum(st);
  // Pass A: minimum hours from the pool
  for (const a of st.order) while (a.hours + 1e-9 < a.minHours && takeFromPool(st, a));
  // Pass B: hand out the rest of the pool, round robin, least-loaded first
  for (let progress = true; progress;) {
    progress = false;
    const rr = [...st.order].sort((u, v) => u.hours / Math.max(1, u.maxHours) - v.hours / Math.max(1, v.maxHours));
    for (const a of rr) if (takeFromPool(st, a)) progress = true;
  }
  swapForRest(st);
}

/** Gives the agent the best shift left in their class's pool; false when none fits. */
function takeFromPool(st: Stage2, a: Agent): boolean {
  const ci = st.classOf.get(a)!;
  const cpool = st.pool[ci]!;
  const cday = st.poolDay[ci]!;
  let best: Pattern | null = null;
  let bestScore = Infinity;
  for (let d = 0; d < DAYS; d++) {
    if (!a.availDays[d] || a.shifts[d] || cday[d] === 0) continue;
    for (const p of st.patsByDay[d]!) {
      if (cpool[p.id]!.length === 0 || !canTake(a, p)) continue;
      // prefer days with much pool left, then preferences, then consistent start times
      const prev = a.shifts.find(Boolean);
      const score = -cday[d]! * 0.01 + prefers(a, p) + (prev ? Math.abs(prev.pat.startMinOfDay - p.startMinOfDay) / 1440 : 0);
      if (score < bestScore) {
        bestScore = score;
        best = p;
      }
    }
  }
  if (!best) return false;
  assign(st, a, cpool[best.id]!.pop()!);
  cday[best.day]!--;
  return true;
}

/**
 * Pass 0 (classes whose shifts all pay the same hours): decide how many shifts each member works
 * (min first, extras round-robin up to max), give each member the days with the most pool left
 * (the Gale–Ryser greedy, largest demand first), then on each day pair the members who need the
 * latest start (rest after yesterday's shift) with the latest shifts.
 */
function dealWeeks(st: Stage2): void {
  const { pool, poolDay, patsByDay } = st;
  st.classes.forEach((cl, ci) => {
    const hs = new Set(cl.patterns.map((p) => p.paidHours));
    if (hs.size !== 1) return;
    const h = [...hs][0]!;
    const cday = poolDay[ci]!;
    const total = cday.reduce((s, v) => s + v, 0);
    const lo = cl.members.map((a) => Math.min(a.maxShifts, Math.ceil(a.minHours / h - 1e-9)));
    const hi = cl.members.map((a) => Math.min(a.maxShifts, Math.floor(a.maxHours / h + 1e-9)));
    const k = [...lo];
    let left = total - k.reduce((s, v) => s + v, 0);
    for (let progress = true; left > 0 && progress;) {
      progress = false;
      for (let i = 0; i < k.length && left > 0; i++)
        if (k[i]! < hi[i]!) {
          k[i]!++;
          left--;
          progress = true;
        }
    }
    const remaining = [...cday];
    const daysOf: number[][] = cl.members.map(() => []);
    const byNeed = cl.members
      .map((_, i) => i)
      .sort((u, v) => k[v]! - k[u]! || cl.members[u]!.availDays.filter(Boolean).length - cl.members[v]!.availDays.filter(Boolean).length);
    for (const i of byNeed) {
      const a = cl.members[i]!;
      const pref = a.src.preferences?.daysOff ?? [];
      const ds = [0, 1, 2, 3, 4, 5, 6]
        .filter((d) => a.availDays[d] && remaining[d]! > 0)
        .sort((u, v) => remaining[v]! - remaining[u]! || (pref.includes(u) ? 1 : 0) - (pref.includes(v) ? 1 : 0));
      for (const d of ds.slice(0, k[i]!)) {
        daysOf[i]!.push(d);
        remaining[d]!--;
      }
    }
    for (let d = 0; d < DAYS; d++) {
      const who = cl.members.filter((_, i) => daysOf[i]!.includes(d));
      const need = (a: Agent) => {
        const prev = d > 0 ? a.shifts[d - 1] : null;
        return prev ? prev.pat.start + prev.pat.len + a.restSlots : Math.max(-1, a.notBefore);
      };
      who.sort((u, v) => need(v) - need(u));
      const insts: Inst[] = [];
      for (const p of patsByDay[d]!) insts.push(...pool[ci]![p.id]!.map((x) => x));
      insts.sort((u, v) => v.pat.start - u.pat.start);
      const used = new Set<Inst>();
      for (const a of who) {
        const inst = insts.find((x) => !used.has(x) && canTake(a, x.pat));
        if (!inst) continue;
        used.add(inst);
        const l = pool[ci]![inst.pat.id]!;
        l.splice(l.indexOf(inst), 1);
        cday[d]!--;
        assign(st, a, inst);
      }
    }
  });
}

/**
 * Pass A2 (swap repair): an agent below minimum hours who cannot take a leftover shift q (say
 * he already works that day) takes shift r of a class-mate b on one of his free days, and b
 * takes q instead: b's hours are unchanged, the agent gains a shift, the pool shrinks.
 */
function swapToMinimum(st: Stage2): void {
  const { pool, poolDay } = st;
  for (const a of st.order) {
    if (a.hours + 1e-9 >= a.minHours) continue;
    const ci = st.classOf.get(a)!;
    const cl = st.classes[ci]!;
    for (const p of cl.patterns) {
      const l = pool[ci]![p.id]!;
      while (l.length > 0 && a.hours + 1e-9 < a.minHours) {
        const q = l[l.length - 1]!;
        if (canTake(a, q.pat)) {
          assign(st, a, l.pop()!);
          poolDay[ci]![q.pat.day]!--;
          continue;
        }
        let done = false;
        for (let e = 0; e < DAYS && !done; e++) {
          if (!a.availDays[e] || a.shifts[e]) continue;
          for (const b of cl.members) {
            if (b === a || !b.shifts[e]) continue;
            const r = b.shifts[e]!;
            if (!canTake(a, r.pat)) continue;
            unassign(st, b, e);
            if (canTake(b, q.pat)) {
              assign(st, b, l.pop()!);
              poolDay[ci]![q.pat.day]!--;
              assign(st, a, r);
              done = true;
              break;
            }
            assign(st, b, r);
          }
        }
        if (!done) break;
      }
    }
  }
}

/**
 * Pass B2 (swap repair for rest conflicts): a leftover shift q on day d for an agent a who is free
 * that day but whose shift on day d±1 leaves too little rest: a swaps that neighbouring shift
 * with a class-mate's shift on the same day when that fixes the rest for a and keeps b valid.
 */
function swapForRest(st: Stage2): void {
  const { pool, poolDay } = st;
  const restOk = (a: Agent, p: Pattern) => {
    a.shifts[p.day] = null; // (already free)
    return canTake(a, p);
  };
  const swapDay = (a: Agent, b: Agent, e: number) => {
    const ra = unassign(st, a, e);
    const rb = unassign(st, b, e);
    if (canTake(a, rb.pat) && canTake(b, ra.pat)) {
      assign(st, a, rb);
      assign(st, b, ra);
      return true;
    }
    assign(st, a, ra);
    assign(st, b, rb);
    return false;
  };
  st.classes.forEach((cl, ci) => {
    for (const p of cl.patterns) {
      const l = pool[ci]![p.id]!;
      for (let guard = 0; l.length > 0 && guard < 10_000; guard++) {
        const q = l[l.length - 1]!;
        const d = q.pat.day;
        let placed = false;
        for (const a of cl.members) {
          if (!a.availDays[d] || a.shifts[d] || a.shifts.filter(Boolean).length >= a.maxShifts || a.hours + q.pat.paidHours > a.maxHours + 1e-9) continue;
          if (restOk(a, q.pat)) {
            assign(st, a, l.pop()!);
            placed = true;
            break;
          }
          const undo: [Agent, Agent, number][] = [];
          for (const e of [d - 1, d + 1]) {
            if (e < 0 || e >= DAYS || !a.shifts[e]) continue;
            const r = a.shifts[e]!.pat;
            const clash = r.start < q.pat.start ? r.start + r.len + a.restSlots > q.pat.start : q.pat.start + q.pat.len + a.restSlots > r.start;
            if (!clash) continue;
            for (const b of cl.members) {
              if (b === a || !b.shifts[e]) continue;
              const rb = b.shifts[e]!.pat;
              const fixes = rb.start < q.pat.start ? rb.start + rb.len + a.restSlots <= q.pat.start : q.pat.start + q.pat.len + a.restSlots <= rb.start;
              if (fixes && swapDay(a, b, e)) {
                undo.push([a, b, e]);
                break;
              }
            }
          }
          if (canTake(a, q.pat)) {
            assign(st, a, l.pop()!);
            placed = true;
            break;
          }
          for (const [x, y, e] of undo.reverse()) swapDay(x, y, e);
          // same-day exchange: a takes class-mate b's shift on day d, b works q instead
          for (const b of cl.members) {
            if (b === a || !b.shifts[d]) continue;
            const rb = unassign(st, b, d);
            if (canTake(a, rb.pat) && canTake(b, q.pat)) {
              assign(st, a, rb);
              assign(st, b, l.pop()!);
              placed = true;
              break;
            }
            assign(st, b, rb);
          }
          if (placed) break;
        }
        if (!placed) break;
        poolDay[ci]![d]!--;
      }
    }
  });
}
