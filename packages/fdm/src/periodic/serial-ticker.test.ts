import { describe, expect, it } from 'vitest';
import { SerialTicker, type RefreshTimer } from './serial-ticker.js';

/** A timer that fires only when the test says so. */
function manualTimer(): RefreshTimer & { fire(): void; scheduled: number[]; cancelled: number } {
  let next: (() => void) | undefined;
  const t = {
    scheduled: [] as number[],
    cancelled: 0,
    schedule(run: () => void, delayMs: number) {
      t.scheduled.push(delayMs);
      next = run;
      return {
        cancel: () => {
          t.cancelled++;
          next = undefined;
        },
      };
    },
    fire() {
      const run = next;
      next = undefined;
      run?.();
    },
  };
  return t;
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('SerialTicker', () => {
  it('runs at once on start, then schedules the next run only after a run ends', async () => {
    const timer = manualTimer();
    const gate = deferred();
    let runs = 0;
    const ticker = new SerialTicker(async () => {
      runs++;
      await gate.promise;
      return runs;
    }, timer);
    ticker.start(60_000);
    await settle();
    expect(runs).toBe(1);
    expect(timer.scheduled).toEqual([]);
    gate.resolve();
    await settle();
    expect(timer.scheduled).toEqual([60_000]);
    timer.fire();
    await settle();
    expect(runs).toBe(2);
    expect(timer.scheduled).toEqual([60_000, 60_000]);
    await ticker.stop();
  });

  it('never runs two jobs at once: runNow waits for the run in progress', async () => {
    const gate = deferred();
    const log: string[] = [];
    let n = 0;
    const ticker = new SerialTicker(async () => {
      const id = ++n;
      log.push(`begin ${id}`);
      if (id === 1) await gate.promise;
      log.push(`end ${id}`);
      return id;
    }, manualTimer());
    const first = ticker.runNow();
    const second = ticker.runNow();
    await settle();
    expect(log).toEqual(['begin 1']);
    gate.resolve();
    expect(await first).toBe(1);
    expect(await second).toBe(2);
    expect(log).toEqual(['begin 1', 'end 1', 'begin 2', 'end 2']);
  });

  it('a failing run rejects its caller but does not block the next run', async () => {
    let n = 0;
    const ticker = new SerialTicker(async () => {
      n++;
      if (n === 1) throw new Error('boom');
      return n;
    }, manualTimer());
    await expect(ticker.runNow()).rejects.toThrow('boom');
    expect(await ticker.runNow()).toBe(2);
  });

  it('stop cancels the pending tick, waits for the run in progress and schedules nothing more', async () => {
    const timer = manualTimer();
    const gate = deferred();
    let runs = 0;
    let finished = false;
    const ticker = new SerialTicker(async () => {
      runs++;
      await gate.promise;
      finished = true;
    }, timer);
    ticker.start(5000);
    await settle();
    const stopped = ticker.stop();
    let stopDone = false;
    void stopped.then(() => (stopDone = true));
    await settle();
    expect(stopDone).toBe(false);
    gate.resolve();
    await stopped;
    expect(finished).toBe(true);
    expect(timer.scheduled).toEqual([]);
    timer.fire();
    await settle();
    expect(runs).toBe(1);
  });

  it('stop after a scheduled tick cancels it', async () => {
    const timer = manualTimer();
    let runs = 0;
    const ticker = new SerialTicker(async () => {
      runs++;
    }, timer);
    ticker.start(5000);
    await settle();
    expect(timer.scheduled).toEqual([5000]);
    await ticker.stop();
    expect(timer.cancelled).toBe(1);
    timer.fire();
    await settle();
    expect(runs).toBe(1);
  });
});
