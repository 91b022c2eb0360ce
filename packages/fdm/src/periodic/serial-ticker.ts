/** A one-shot or periodic timer; tests inject one that fires only when told. */
export interface RefreshTimer {
  schedule(run: () => void, delayMs: number): { cancel(): void };
}

export const systemTimer: RefreshTimer = {
  schedule(run, delayMs) {
    const handle = setTimeout(run, delayMs);
    // A pending check must never keep the process alive on its own.
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

/**
 * Runs one job now and again every interval, one run at a time: a run asked for while another is
 * going waits for it, and the next interval counts from the end of a run, so a slow service never
 * piles up requests. Stopping waits for the run in progress. The job reports expected failures
 * in its result: a rejection in a periodic run is a bug and surfaces as an unhandled rejection.
 */
export class SerialTicker<T> {
  readonly #job: () => Promise<T>;
  readonly #timer: RefreshTimer;
  #chain: Promise<unknown> = Promise.resolve();
  #pending: { cancel(): void } | undefined;
  #stopped = true;

  constructor(job: () => Promise<T>, timer: RefreshTimer = systemTimer) {
    this.#job = job;
    this.#timer = timer;
  }

  /** Runs now, then every `intervalMs` after each run ends. */
  start(intervalMs: number): void {
    this.#stopped = false;
    const tick = (): void => {
      if (this.#stopped) return;
      void this.runNow().finally(() => {
        if (!this.#stopped) this.#pending = this.#timer.schedule(tick, intervalMs);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#pending?.cancel();
    await this.#chain;
  }

  /** One run, after any run still going. */
  runNow(): Promise<T> {
    const next = this.#chain.then(() => this.#job());
    this.#chain = next.catch(() => undefined);
    return next;
  }
}
