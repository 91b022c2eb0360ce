import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, startFdmServer, type RunningFdm } from '@gks/fdm';
import { describeEachBackend } from '@gks/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFpsServer, type RunningFpsServer } from './http/fps-server.js';
import { activateFdm, fpsServerTls, manualTimer } from './testing/fdm-against-fps.js';
import { asFdm, saleInput, testFps, type TestFps } from './testing/fixtures.js';
import { belgianDay, setVatRates } from './vat/vat-rate-tables.js';

const DAY = 86_400_000;

describeEachBackend('VAT rates set at the FPS reach a real FDM from their date', (backend) => {
  const fdmId = 'FPS03000041';
  let fps: TestFps;
  let server: RunningFpsServer | null = null;
  let fdm: RunningFdm | null = null;
  let root: string;
  let dir: string;
  const today = belgianDay(new Date());
  const tomorrow = belgianDay(new Date(Date.now() + DAY));
  const fdmClock = new ManualClock(new Date());
  let ticket = 0;
  const warnings: string[] = [];

  /** The rate of label A in the vatCalc of a sale signed now (by the FDM's clock). */
  const rateOfA = async (): Promise<number | undefined> => {
    fdmClock.advance(1000);
    const signed = await fdm?.engine.sign('signSale', saleInput(++ticket, 12.1), false);
    if (!signed?.ok) throw new Error(`sign refused: ${JSON.stringify(signed?.error)}`);
    return signed.value.vatCalc?.find((v) => v.label === 'A')?.rate;
  };
  const start = async (): Promise<RunningFdm> => {
    const started = await startFdmServer({
      dir,
      admin: false,
      clock: fdmClock,
      upload: { intervalMs: 3_600_000 },
      parameters: { timer: manualTimer, warn: (t) => warnings.push(t) },
      certificate: { timer: manualTimer },
    });
    if (!started.ok) throw new Error(started.error.reason);
    return started.value;
  };
  const set = (from: string, rates: Record<string, unknown>) =>
    setVatRates(fps.database.db, { from, rates, by: 'test' }, fps.clock);

  beforeAll(async () => {
    fps = await testFps(await backend.fresh());
    const tls = await fpsServerTls(fps);
    root = await mkdtemp(join(tmpdir(), 'gks-fps-vat-'));
    dir = join(root, 'fdm');
    server = await startFpsServer({ app: fps.app, host: '127.0.0.1', port: 0, tls });
    await activateFdm(fps, fdmId, dir, { url: server.url, caPem: tls.caPem });
    fdm = await start();
    await fdm.parameters?.refreshNow();
  });
  afterAll(async () => {
    await fdm?.stop();
    await server?.close();
    await fps?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('before any table: the default rates (A = 21 %)', async () => {
    expect(await rateOfA()).toBe(21);
  });

  it('a table from tomorrow: today still 21 %, from tomorrow (by the FDM clock) 22 %', async () => {
    expect((await set(tomorrow, { A: 22, B: 12, C: 6, D: 0 })).ok).toBe(true);
    expect(await rateOfA()).toBe(21);
    expect(await fdm?.parameters?.refreshNow()).toEqual({});
    expect(await rateOfA()).toBe(21);
    const saved = JSON.parse(await readFile(join(dir, 'fdm.json'), 'utf8')) as {
      vatRateChanges?: { from: string }[];
    };
    expect(saved.vatRateChanges?.map((c) => c.from)).toEqual([tomorrow]);
    fdmClock.set(`${tomorrow}T09:00:00Z`);
    expect(await rateOfA()).toBe(22);
  });

  it('the change survives a restart of the FDM, with the FPS down', async () => {
    await fdm?.stop();
    await server?.close();
    server = null;
    fdm = await start();
    await fdm.parameters?.refreshNow();
    expect(await rateOfA()).toBe(22);
  });

  it.each([
    ['yesterday', () => belgianDay(new Date(Date.now() - DAY)), { A: 5, B: 12, C: 6, D: 0 }],
    ['no D', () => today, { A: 5, B: 12, C: 6 }],
    ['a rate of 120', () => today, { A: 120, B: 12, C: 6, D: 0 }],
    ['a negative rate', () => today, { A: -5, B: 12, C: 6, D: 0 }],
    ['three decimals', () => today, { A: 5.125, B: 12, C: 6, D: 0 }],
    ['NaN', () => today, { A: Number.NaN, B: 12, C: 6, D: 0 }],
    ['a text rate', () => today, { A: 'five', B: 12, C: 6, D: 0 }],
    ['label X', () => today, { A: 5, B: 12, C: 6, D: 0, X: 5 }],
    ['no date', () => '', { A: 5, B: 12, C: 6, D: 0 }],
    ['an impossible date', () => '2031-13-01', { A: 5, B: 12, C: 6, D: 0 }],
  ])('refuses a table with %s: nothing stored, the FDM never sees it', async (_name, from, rates) => {
    const refused = await set(from(), rates);
    expect(refused.ok).toBe(false);
    const parameters = (await (await asFdm(fps.app, fdmId)('/fdm/parameters')).json()) as {
      vatRates: { label: string; ratePercent: number }[];
      vatRateChanges: { from: string }[];
    };
    expect(parameters.vatRates.find((r) => r.label === 'A')?.ratePercent).toBe(21);
    expect(parameters.vatRateChanges.map((c) => c.from)).toEqual([tomorrow]);
    const rows = await fps.database.db.selectFrom('vat_rate_table').select('valid_from').execute();
    expect(rows.map((r) => r.valid_from)).toEqual([tomorrow]);
  });

  it('the FPS serves the rates of the day it is: today 21 with tomorrow announced, a newer table for a day wins', async () => {
    expect((await set(tomorrow, { A: 23, B: 12, C: 6, D: 0 })).ok).toBe(true);
    const parameters = (await (await asFdm(fps.app, fdmId)('/fdm/parameters')).json()) as {
      vatRateChanges: { from: string; rates: { label: string; ratePercent: number }[] }[];
    };
    expect(parameters.vatRateChanges).toHaveLength(1);
    expect(parameters.vatRateChanges[0]?.rates.find((r) => r.label === 'A')?.ratePercent).toBe(23);
  });
});
