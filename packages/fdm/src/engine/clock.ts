/** The time source of the FDM. Injected everywhere so tests drive time instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock the caller moves by hand: for tests and benchmarks. */
export class ManualClock implements Clock {
  #ms: number;

  constructor(start: Date | string = '2025-01-01T10:00:00Z') {
    this.#ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  set(to: Date | string): void {
    this.#ms = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.#ms += ms;
  }
}

/**
 * The FDM's own clock: it never runs backwards, even when the host clock steps back (NTP, a
 * wrong manual setting), because fdmDateTime orders the events of the memory.
 * It reads max(host time, last stamped time); the floor is seeded from the memory's last event.
 */
export class MonotonicClock {
  readonly #host: Clock;
  #lastMs: number;

  constructor(host: Clock, floor?: Date) {
    this.#host = host;
    this.#lastMs = floor ? floor.getTime() : Number.NEGATIVE_INFINITY;
  }

  /** The time to put on a new event; later calls never return an earlier time. */
  stamp(): Date {
    const hostMs = this.#host.now().getTime();
    if (hostMs > this.#lastMs) this.#lastMs = hostMs;
    return new Date(this.#lastMs);
  }

  /** The time the next stamp would at least carry, without recording anything. */
  peek(): Date {
    return new Date(Math.max(this.#host.now().getTime(), this.#lastMs));
  }
}
