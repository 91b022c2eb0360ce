import type { Clock } from '../registry/registrations.js';

/**
 * A token bucket per client address: `burst` requests at once, refilled at `perMinute`. Buckets
 * that are full again are forgotten, so memory stays bounded by the clients of the last minute.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly perMinute = 60,
    private readonly burst = 20,
  ) {}

  /** True when `client` may make a request now (and counts it). */
  allow(client: string): boolean {
    const now = this.clock.now().getTime();
    const bucket = this.#buckets.get(client) ?? { tokens: this.burst, at: now };
    const refilled = Math.min(this.burst, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    if (refilled < 1) {
      this.#buckets.set(client, { tokens: refilled, at: now });
      return false;
    }
    this.#buckets.set(client, { tokens: refilled - 1, at: now });
    if (this.#buckets.size > 10_000) this.#forgetFull(now);
    return true;
  }

  #forgetFull(now: number): void {
    for (const [client, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000 >= this.burst)
        this.#buckets.delete(client);
    }
  }
}
