import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachBackend } from '../db/test-backends.js';
import type { PosDatabaseLocation } from '../db/open-database.js';
import { readJournal } from '../journal/journal.js';
import { pendingEvents } from '../outbox/outbox.js';
import { addLines, clockIn, pay, startRegistration, type Actor } from '../register/register.js';
import { loadRegistration } from '../register/registration-store.js';
import { startPosServer, type RunningPos } from '../server/pos-server.js';
import type { RegisterRuntime } from '../server/runtime.js';
import {
  actorOf,
  initTestRegister,
  openTestRuntime,
  removeDir,
  startTestFdm,
  type TestFdm,
} from '../testing/register-fixture.js';
import { FdmProbe, type Ticker } from './fdm-probe.js';

// C-26/B-4: an FDM incident ends when the FDM answers its status again, found by probing on a
// timer, not at the next sale. Real software FDM over HTTP with its fault injection.

/** A ticker the test drives: each tick() is one timer expiry. */
function manualTicker(): Ticker & { tick(): void; intervals: number[] } {
  let tick: (() => void) | null = null;
  const intervals: number[] = [];
  return {
    intervals,
    every(ms, fn) {
      intervals.push(ms);
      tick = fn;
      return { cancel: () => (tick = null) };
    },
    tick: () => tick?.(),
  };
}

describeEachBackend('FDM probe: incidents end when the FDM answers again', (backend) => {
  let fdm: TestFdm;
  let location: PosDatabaseLocation;
  let runtime: RegisterRuntime;
  let ann: Actor;
  let statusCalls = 0;
  let probe: FdmProbe;

  const incidentKinds = async () =>
    (await readJournal(runtime.deps.db, 0, 100_000))
      .filter((e) => e.kind.startsWith('fdm_incident'))
      .map((e) => ({ kind: e.kind, cause: (JSON.parse(e.data) as { cause: string }).cause }));

  async function openSale(productId = '10010'): Promise<string> {
    const started = await startRegistration(runtime.deps, ann, {});
    if (!started.ok) throw new Error(started.error.message);
    const added = await addLines(runtime.deps, ann, started.value.registrationId, [
      { productId, quantity: 1 },
    ]);
    if (!added.ok) throw new Error(added.error.message);
    return started.value.registrationId;
  }

  beforeAll(async () => {
    fdm = await startTestFdm();
    location = await backend.fresh();
    await initTestRegister(location, fdm.fdm.url);
    runtime = await openTestRuntime(location);
    const recovered = await runtime.deps.pipeline.recover();
    if (!recovered.ok) throw new Error(recovered.error.message);
    ann = await actorOf(runtime, 'T1', 'ann');
    const clocked = await clockIn(runtime.deps, ann);
    if (!clocked.ok) throw new Error(clocked.error.message);
    probe = new FdmProbe({
      pipeline: runtime.deps.pipeline,
      status: () => {
        statusCalls += 1;
        return runtime.fdm.status();
      },
      ticker: manualTicker(),
    });
  });

  afterAll(async () => {
    await probe?.stop();
    await runtime?.close();
    await fdm?.stop();
    if (fdm) await removeDir(fdm.dir);
  });

  it('without an incident the FDM is not asked', async () => {
    expect(await probe.probe()).toBe('idle');
    expect(await probe.probe()).toBe('idle');
    expect(statusCalls).toBe(0);
  });

  it('C-26: FDM not operational: the probe keeps the incident open while it says so, ends it (journaled) once it answers', async () => {
    const id = await openSale();
    await fdm.faults({ notOperational: true });
    const refused = await pay(runtime.deps, ann, id, [{ type: 'CASH', amountCents: 300 }]);
    expect(refused.ok || refused.error.code).toBe('FDM_NOT_OPERATIONAL');
    expect(runtime.deps.pipeline.incidents.open).not.toBeNull();
    // its status lists the error: still down, however often asked
    for (let i = 0; i < 3; i++) expect(await probe.probe()).toBe('still-down');
    expect(statusCalls).toBe(3);
    expect((await incidentKinds()).map((e) => e.kind)).toEqual(['fdm_incident_start']);
    await fdm.faults(null);
    expect(await probe.probe()).toBe('recovered');
    expect(runtime.deps.pipeline.incidents.open).toBeNull();
    expect(await incidentKinds()).toEqual([
      { kind: 'fdm_incident_start', cause: expect.stringContaining('FDM_NOT_OPERATIONAL') },
      { kind: 'fdm_incident_end', cause: 'the FDM answers its status query again' },
    ]);
    expect(await probe.probe()).toBe('idle');
    // the refused sale stays open (C-32) and is paid normally now
    const paid = await pay(runtime.deps, ann, id, [{ type: 'CASH', amountCents: 300 }]);
    expect(paid.ok).toBe(true);
  });

  it('C-26: FDM unreachable with a sale pending: once it is back, the probe resends the sale, exactly once, and ends the incident', async () => {
    const id = await openSale('30001');
    const port = fdm.fdm.port;
    const signedBefore = fdm.fdm.engine.eventCounter('N');
    await fdm.stop();
    const lost = await pay(runtime.deps, ann, id, [{ type: 'CASH', amountCents: 950 }]);
    expect(lost.ok || lost.error.code).toBe('FDM_NOT_OPERATIONAL');
    expect(await pendingEvents(runtime.deps.db)).toHaveLength(1);
    expect(await probe.probe()).toBe('still-down');
    fdm = await startTestFdm({ dir: fdm.dir, port });
    const callsBefore = statusCalls;
    // two timer expiries at once: one probe runs, the other sees it busy
    const [first, second] = await Promise.all([probe.probe(), probe.probe()]);
    expect([first, second].sort()).toEqual(['busy', 'recovered']);
    expect(statusCalls).toBe(callsBefore + 1);
    expect(await pendingEvents(runtime.deps.db)).toEqual([]);
    expect((await loadRegistration(runtime.deps.db, id))?.status).toBe('closed');
    expect(fdm.fdm.engine.eventCounter('N')).toBe(signedBefore + 1);
    expect((await incidentKinds()).map((e) => e.kind)).toEqual([
      'fdm_incident_start',
      'fdm_incident_end',
      'fdm_incident_start',
      'fdm_incident_end',
    ]);
  });

  it('start sets one timer, every 5 s by default; a tick probes; stop cancels it', async () => {
    const ticker = manualTicker();
    let calls = 0;
    const timed = new FdmProbe({
      pipeline: runtime.deps.pipeline,
      status: () => {
        calls += 1;
        return runtime.fdm.status();
      },
      ticker,
    });
    timed.start();
    timed.start();
    expect(ticker.intervals).toEqual([5000]);
    await runtime.deps.pipeline.incidents.start('test: an incident to probe');
    ticker.tick();
    await vi.waitFor(() => expect(runtime.deps.pipeline.incidents.open).toBeNull(), {
      timeout: 5000,
      interval: 10,
    });
    expect(calls).toBe(1);
    await timed.stop();
    await runtime.deps.pipeline.incidents.start('test: after stop');
    ticker.tick();
    expect(calls).toBe(1);
    expect(await timed.probe()).toBe('recovered'); // by hand it still works
  });

  it('the probe interval must be a positive number of ms', () => {
    for (const everyMs of [0, -5, 1.5, Number.NaN])
      expect(
        () => new FdmProbe({ pipeline: runtime.deps.pipeline, status: () => runtime.fdm.status(), everyMs }),
      ).toThrow(RangeError);
  });
});

describeEachBackend('POS server: the FDM probe runs on its timer', (backend) => {
  let fdm: TestFdm;
  let pos: RunningPos;

  beforeAll(async () => {
    fdm = await startTestFdm();
    const location = await backend.fresh();
    await initTestRegister(location, fdm.fdm.url);
    // No resend loop: only the probe can end the incident here.
    pos = await startPosServer({
      database: location,
      fdm: { timeoutMs: 2000, resend: { maxResends: 1, delaysMs: [0] } },
      retryEveryMs: 0,
      fdmProbe: { everyMs: 20 },
    });
  });

  afterAll(async () => {
    await pos?.stop();
    await fdm?.stop();
    if (fdm) await removeDir(fdm.dir);
  });

  it('an incident opened by a refused sale ends by itself within a few probe intervals once the FDM is back', async () => {
    const runtime = pos.runtime;
    const ann = await actorOf(runtime, 'T1', 'ann');
    expect((await clockIn(runtime.deps, ann)).ok).toBe(true);
    const started = await startRegistration(runtime.deps, ann, {});
    if (!started.ok) throw new Error(started.error.message);
    await addLines(runtime.deps, ann, started.value.registrationId, [{ productId: '10010', quantity: 1 }]);
    await fdm.faults({ notOperational: true });
    const refused = await pay(runtime.deps, ann, started.value.registrationId, [
      { type: 'CASH', amountCents: 300 },
    ]);
    expect(refused.ok).toBe(false);
    expect(runtime.deps.pipeline.incidents.open).not.toBeNull();
    await fdm.faults(null);
    await vi.waitFor(() => expect(runtime.deps.pipeline.incidents.open).toBeNull(), {
      timeout: 5000,
      interval: 20,
    });
    const kinds = (await readJournal(runtime.deps.db, 0, 100_000)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'fdm_incident_end')).toHaveLength(1);
  });
});
