/**
 * Per-person limit on incoming messages (a sliding window). Over the limit the person is told once
 * to wait; further messages in the same window are dropped silently.
 */
export interface RateLimitOptions {
  max: number;
  windowMs: number;
  now?: () => number;
}

export type RateDecision = 'ok' | 'warn' | 'drop';

export class RateLimiter {
  private readonly hits = new Map<string, { times: number[]; warned: boolean }>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  check(key: string): RateDecision {
    const now = this.now();
    const entry = this.hits.get(key) ?? { times: [], warned: false };
    entry.times = entry.times.filter((t) => now - t < this.options.windowMs);
    if (entry.times.length === 0) entry.warned = false;
    entry.times.push(now);
    this.hits.set(key, entry);
    if (this.hits.size > 50_000) this.prune(now);
    if (entry.times.length <= this.options.max) return 'ok';
    if (entry.warned) return 'drop';
    entry.warned = true;
    return 'warn';
  }

  private prune(now: number): void {
    for (const [key, e] of this.hits) if (e.times.every((t) => now - t >= this.options.windowMs)) this.hits.delete(key);
  }
}
