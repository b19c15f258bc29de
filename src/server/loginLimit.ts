/**
 * Sign-in attempt limits (issue 10, finding 7): per client address, whatever the user name (so
 * distinct unknown names are limited too), and per user name from any address. In memory, per
 * server: fixed one-window counters, pruned as they expire. An attempt is counted when it starts
 * (so a parallel burst is limited before any hashing) and given back when the sign-in succeeds,
 * so only failures use up the allowance — a call center behind one NAT address can sign everyone in.
 */
export interface LoginLimits {
  perName: number;
  perIp: number;
  windowMs: number;
  now: () => number;
}

export type LoginAttempt = { ok: true; refund: () => void } | { ok: false; retryAfterS: number };

const PRUNE_AT = 10_000;

export class LoginLimiter {
  private readonly buckets = new Map<string, { count: number; resetAt: number }>();
  constructor(private readonly limits: LoginLimits) {}

  take(ip: string, username: string): LoginAttempt {
    const now = this.limits.now();
    if (this.buckets.size > PRUNE_AT) for (const [k, b] of this.buckets) if (b.resetAt <= now) this.buckets.delete(k);
    const keys: Array<[string, number]> = [
      [`ip:${ip}`, this.limits.perIp],
      [`name:${username.trim().toLowerCase()}`, this.limits.perName],
    ];
    const live = keys.map(([k, max]) => {
      let b = this.buckets.get(k);
      if (!b || b.resetAt <= now) this.buckets.set(k, (b = { count: 0, resetAt: now + this.limits.windowMs }));
      return { b, max };
    });
    const full = live.filter(({ b, max }) => b.count >= max);
    if (full.length) return { ok: false, retryAfterS: Math.max(1, Math.ceil((Math.max(...full.map(({ b }) => b.resetAt)) - now) / 1000)) };
    for (const { b } of live) b.count++;
    let refunded = false;
    return {
      ok: true,
      refund: () => {
        if (refunded) return;
        refunded = true;
        for (const { b } of live) b.count = Math.max(0, b.count - 1);
      },
    };
  }
}
