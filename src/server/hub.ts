/**
 * Live fan-out: a topic → subscribers map. Local delivery is synchronous; where PostgreSQL is the
 * store, publish() also goes out over NOTIFY so other instances deliver it to their subscribers.
 */
export type Listener = (topic: string, data: unknown) => void;

export class Hub {
  private subs = new Map<string, Set<Listener>>();
  /** Set by the PostgreSQL bridge: forwards a local publish to other instances. */
  forward?: (topic: string, data: unknown) => void;

  subscribe(topic: string, fn: Listener): () => void {
    let set = this.subs.get(topic);
    if (!set) this.subs.set(topic, (set = new Set()));
    set.add(fn);
    return () => {
      set!.delete(fn);
      if (set!.size === 0) this.subs.delete(topic);
    };
  }

  /** Deliver here and to other instances. */
  publish(topic: string, data: unknown): void {
    this.deliver(topic, data);
    this.forward?.(topic, data);
  }

  /** Deliver here only (used for messages that arrived from other instances). */
  deliver(topic: string, data: unknown): void {
    const set = this.subs.get(topic);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        fn(topic, data);
      } catch {
        /* a broken subscriber must not stop the others */
      }
    }
  }

  subscriberCount(topic: string): number {
    return this.subs.get(topic)?.size ?? 0;
  }
}

/**
 * The hub topic of a center-scoped topic: `floor:agents` of center 3 is `center:3:floor:agents`.
 * Publishers of one center's floor publish on these; sockets subscribe by the plain name and are given
 * their own center's (src/server/live.ts), so topics never cross centers.
 */
export function centerTopic(centerId: number, name: string): string {
  return `center:${centerId}:${name}`;
}
