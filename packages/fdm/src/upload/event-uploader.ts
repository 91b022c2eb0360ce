import type { StoredEvent } from '../memory/stored-event.js';
import type { Clock } from '../engine/clock.js';
import type { UploadProgress, UploadProgressStore } from './upload-state.js';

/** The part of the event memory the uploader reads. */
export interface UploadSource {
  readonly count: number;
  read(fromIndex: number): AsyncIterable<{ index: number; event: StoredEvent }>;
}

/** Sends a batch; answers how far the service now holds every event, or throws / returns a reason. */
export type SendBatch = (
  events: readonly StoredEvent[],
) => Promise<{ acknowledgedThrough: number } | { failure: string }>;

export interface UploaderOptions {
  readonly source: UploadSource;
  readonly send: SendBatch;
  readonly store: UploadProgressStore;
  readonly clock: Clock;
  readonly batchSize?: number;
  /** After this many failed rounds in a row every answer carries TRANSACTION_UPLOAD_FAILED. Default 3. */
  readonly failuresBeforeWarning?: number;
  /** Without a successful upload for this long the FDM refuses to sign (FDM_LOCKED). Default 10 days. */
  readonly lockAfterMs?: number;
  /** Back-off between failed rounds: base, doubling, capped. Defaults 2 s and 5 min. */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
}

export interface UploadStatus {
  readonly acknowledgedThrough: number;
  readonly pending: number;
  readonly consecutiveFailures: number;
  readonly lastSuccessAt: Date;
  readonly lastFailure: string | null;
  /** TRANSACTION_UPLOAD_FAILED is due. */
  readonly uploadFailing: boolean;
  /** FDM_LOCKED is due: no successful upload for lockAfterMs. */
  readonly locked: boolean;
}

export const TEN_DAYS_MS = 10 * 86_400_000;

/**
 * Uploads every signed event to the tax administration's service, in order, in batches: reads
 * the memory after the last acknowledged event, sends, and persists how far the service
 * acknowledged. Offline it keeps nothing but that index, so the FDM signs on and catches up
 * later; the clock decides when too long without a successful upload locks the FDM.
 */
export class EventUploader {
  readonly #o: Required<Omit<UploaderOptions, 'backoff'>> & { backoff: { baseMs: number; maxMs: number } };
  #progress: UploadProgress | null = null;
  #failures = 0;
  #lastFailure: string | null = null;
  #running: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopped = true;

  constructor(options: UploaderOptions) {
    this.#o = {
      batchSize: 200,
      failuresBeforeWarning: 3,
      lockAfterMs: TEN_DAYS_MS,
      backoff: { baseMs: 2_000, maxMs: 300_000 },
      ...options,
    };
  }

  /** Loads the persisted progress; a first run counts the 10 days from now. */
  async init(): Promise<void> {
    this.#progress = (await this.#o.store.load()) ?? {
      acknowledgedThrough: 0,
      lastSuccessAt: this.#o.clock.now().toISOString(),
    };
  }

  status(): UploadStatus {
    const progress = this.#required();
    const lastSuccessAt = new Date(progress.lastSuccessAt);
    return {
      acknowledgedThrough: progress.acknowledgedThrough,
      pending: Math.max(0, this.#o.source.count - progress.acknowledgedThrough),
      consecutiveFailures: this.#failures,
      lastSuccessAt,
      lastFailure: this.#lastFailure,
      uploadFailing: this.#failures >= this.#o.failuresBeforeWarning,
      locked: this.#o.clock.now().getTime() - lastSuccessAt.getTime() >= this.#o.lockAfterMs,
    };
  }

  /**
   * One round: sends batches until nothing is pending or a batch fails. Resolves true when
   * everything signed so far is acknowledged. Concurrent calls share the round in progress.
   */
  async uploadPending(): Promise<boolean> {
    this.#running ??= this.#round().finally(() => (this.#running = null));
    await this.#running;
    return this.status().pending === 0 && this.#lastFailure === null;
  }

  async #round(): Promise<void> {
    for (;;) {
      const progress = this.#required();
      const batch: StoredEvent[] = [];
      if (progress.acknowledgedThrough < this.#o.source.count) {
        for await (const { event } of this.#o.source.read(progress.acknowledgedThrough)) {
          batch.push(event);
          if (batch.length >= this.#o.batchSize) break;
        }
      }
      let answer: { acknowledgedThrough: number } | { failure: string };
      try {
        answer = await this.#o.send(batch);
      } catch (error) {
        answer = { failure: error instanceof Error ? error.message : String(error) };
      }
      if ('failure' in answer) {
        this.#failures++;
        this.#lastFailure = answer.failure;
        return;
      }
      const through = Math.min(answer.acknowledgedThrough, this.#o.source.count);
      const advanced = through > progress.acknowledgedThrough;
      this.#progress = {
        acknowledgedThrough: Math.max(through, progress.acknowledgedThrough),
        lastSuccessAt: this.#o.clock.now().toISOString(),
      };
      await this.#o.store.save(this.#progress);
      this.#failures = 0;
      this.#lastFailure = null;
      if (!advanced && batch.length > 0) {
        // The service answered but would not take the next event (refused as forged or
        // conflicting): retrying at once cannot help; count it as a failure for the warning.
        this.#failures = this.#o.failuresBeforeWarning;
        this.#lastFailure = `the service did not acknowledge event ${progress.acknowledgedThrough + 1}`;
        return;
      }
      if (this.#required().acknowledgedThrough >= this.#o.source.count) return;
    }
  }

  /** Uploads every `intervalMs`, and sooner after a sign (nudge); backs off after failures. */
  start(intervalMs = 5_000): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const loop = async (): Promise<void> => {
      if (this.#stopped) return;
      await this.uploadPending();
      if (this.#stopped) return;
      const { baseMs, maxMs } = this.#o.backoff;
      const delay =
        this.#failures === 0 ? intervalMs : Math.min(maxMs, baseMs * 2 ** Math.min(this.#failures - 1, 20));
      this.#timer = setTimeout(() => void loop(), delay);
      this.#timer.unref();
    };
    void loop();
  }

  /** Asks for an upload soon (after a sign), unless one is running or backing off. */
  nudge(): void {
    if (this.#stopped || this.#running || this.#failures > 0) return;
    void this.uploadPending();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  #required(): UploadProgress {
    if (!this.#progress) throw new Error('EventUploader.init() was not awaited');
    return this.#progress;
  }
}
