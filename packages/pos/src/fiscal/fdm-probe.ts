import type { Result, Status } from '@gks/core';
import type { FdmError } from '@gks/fdm-client';
import type { SigningPipeline } from './pipeline.js';

/** The timer adapter: production uses setInterval, tests tick by hand. */
export interface Ticker {
  every(ms: number, tick: () => void): { cancel(): void };
}

export const intervalTicker: Ticker = {
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  },
};

export const defaultProbeEveryMs = 5000;

export type ProbeOutcome =
  /** no incident and nothing waiting: the FDM was not asked */
  | 'idle'
  /** a probe is still running */
  | 'busy'
  /** no answer, or the FDM says it cannot sign (its status lists errors) */
  | 'still-down'
  /** the FDM answered, the waiting events were resent and the incident ended */
  | 'recovered';

/**
 * While an FDM incident is open (C-26, B-4) or events wait for an answer, asks the FDM for its
 * `status` on a timer. Once it answers without errors, the waiting events are resent (byte for
 * byte, through the pipeline) and the incident ends, journaled, without waiting for somebody
 * to try a sale.
 */
export class FdmProbe {
  readonly #pipeline: SigningPipeline;
  readonly #status: () => Promise<Result<Status, FdmError>>;
  readonly #ticker: Ticker;
  readonly #everyMs: number;
  #running: Promise<ProbeOutcome> | null = null;
  #timer: { cancel(): void } | null = null;

  constructor(options: {
    pipeline: SigningPipeline;
    status: () => Promise<Result<Status, FdmError>>;
    ticker?: Ticker;
    everyMs?: number;
  }) {
    this.#pipeline = options.pipeline;
    this.#status = options.status;
    this.#ticker = options.ticker ?? intervalTicker;
    this.#everyMs = options.everyMs ?? defaultProbeEveryMs;
    if (!Number.isInteger(this.#everyMs) || this.#everyMs < 1)
      throw new RangeError(`the probe interval must be a positive whole number of ms, got ${this.#everyMs}`);
  }

  start(): void {
    this.#timer ??= this.#ticker.every(this.#everyMs, () => {
      this.probe().catch((error: unknown) => {
        // A bug (the journal refusing an append): keep probing, but do not hide it.
        console.error('FDM probe failed:', error);
      });
    });
  }

  /** Stops the timer and waits for a probe under way (it may be writing to the journal). */
  async stop(): Promise<void> {
    this.#timer?.cancel();
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }

  async probe(): Promise<ProbeOutcome> {
    if (this.#running) return 'busy';
    if (this.#pipeline.incidents.open === null && this.#pipeline.stuckCount === 0) return 'idle';
    const running = this.#probeOnce();
    this.#running = running;
    try {
      return await running;
    } finally {
      this.#running = null;
    }
  }

  async #probeOnce(): Promise<ProbeOutcome> {
    const status = await this.#status();
    if (!status.ok || (status.value.errors ?? []).length > 0) return 'still-down';
    const flushed = await this.#pipeline.flush();
    if (!flushed.ok) return 'still-down';
    await this.#pipeline.incidents.end('the FDM answers its status query again');
    return 'recovered';
  }
}
