import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SignResult } from '@gks/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { burger, dryMartini, fodIdentity, m110Sale, m111FullRefund, workInOut } from '../e2e/fod-requests.js';
import { FaultController } from '../faults/fault-controller.js';
import { EventMemory } from '../memory/event-memory.js';
import { signerFromPem, verifyEventSignature } from '../signing/event-signature.js';
import { ManualClock } from './clock.js';
import { FdmEngine, type FdmRefusal } from './fdm-engine.js';
import type { EngineErrorLog, EngineState, EngineUpload } from './ports.js';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const signer = signerFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

const state: EngineState = {
  config: {
    fdmId: fodIdentity.fdmId,
    vatNo: fodIdentity.vatNo,
    estNo: fodIdentity.estNo,
    allowedPosIds: [fodIdentity.posId],
    vatRates: [
      { label: 'A', ratePercent: 21, outOfScope: false },
      { label: 'B', ratePercent: 12, outOfScope: false },
      { label: 'C', ratePercent: 6, outOfScope: false },
      { label: 'D', ratePercent: 0, outOfScope: false },
      { label: 'X', ratePercent: 0, outOfScope: true },
    ],
    verificationBaseUrl: 'https://verify.example/v',
    fdmSwVersion: '0.1.0',
  },
  signer,
};

let dir: string;
let memories: EventMemory[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fdm-engine-'));
});
afterEach(async () => {
  for (const m of memories) await m.close();
  memories = [];
  await rm(dir, { recursive: true, force: true });
});

class ListErrorLog implements EngineErrorLog {
  readonly entries: { code: string; subCode?: string; field?: string; message: string }[] = [];
  async append(entry: { code: string; subCode?: string; field?: string; message: string }) {
    this.entries.push(entry);
  }
}

async function openEngine(
  options: {
    capacityBytes?: number;
    clock?: ManualClock;
    faults?: FaultController;
    recentKeys?: number;
    upload?: EngineUpload;
  } = {},
) {
  const { memory } = await EventMemory.open(join(dir, 'memory.bin'), {
    capacityBytes: options.capacityBytes ?? 10_000_000,
  });
  memories.push(memory);
  const errorLog = new ListErrorLog();
  const clock = options.clock ?? new ManualClock('2024-07-29T11:00:08Z');
  const engine = await FdmEngine.open({
    state,
    memory,
    errorLog,
    clock,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.recentKeys ? { recentKeys: options.recentKeys } : {}),
    ...(options.upload ? { upload: options.upload } : {}),
  });
  return { engine, memory, errorLog, clock };
}

function signed(r: Awaited<ReturnType<FdmEngine['sign']>>): SignResult {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}
function refused(r: Awaited<ReturnType<FdmEngine['sign']>>): FdmRefusal {
  if (r.ok) throw new Error('signed, expected a refusal');
  return r.error;
}

describe('FdmEngine signing', () => {
  it('signs the M110 sale as N 1/1 with vatCalc, short signature and verification URL', async () => {
    const { engine, memory } = await openEngine();
    const r = signed(await engine.sign('signSale', m110Sale(1000), false));
    expect(r.fdmRef).toEqual({
      fdmId: 'FOD01000001',
      fdmDateTime: '2024-07-29T11:00:08Z',
      eventLabel: 'N',
      eventCounter: 1,
      totalCounter: 1,
    });
    expect(r.eventOperation).toBe('SALE');
    expect(r.vatCalc).toEqual([
      { label: 'A', rate: 21, taxableAmount: 19.83, vatAmount: 4.17, totalAmount: 24, outOfScope: false },
      { label: 'B', rate: 12, taxableAmount: 25, vatAmount: 3, totalAmount: 28, outOfScope: false },
    ]);
    expect(r.shortSignature).toMatch(/^[0-9a-f]{40}$/);
    expect(r.verificationUrl).toBe(`https://verify.example/v/FOD01000001/1/${r.shortSignature}`);
    expect(Buffer.from(r.digitalSignature, 'base64')).toHaveLength(64);
    expect(r.posSwVersion).toBe('1.8.3');
    expect(r.footer).toEqual([]);
    expect(memory.count).toBe(1);
    const stored = memory.lastEvent;
    if (!stored) throw new Error('nothing stored');
    expect(stored.result).toEqual(r);
    expect(verifyEventSignature(signer.publicKey, stored.fields, r.digitalSignature)).toBe(true);
  });

  it('takes refreshed parameters: a new allow-list for UNKNOWN_POS and new VAT rates for vatCalc', async () => {
    const { engine } = await openEngine();
    expect(
      refused(await engine.sign('signSale', { ...m110Sale(1), posId: 'CPOS0039999999' }, false)).code,
    ).toBe('UNKNOWN_POS');
    engine.applyParameters({
      allowedPosIds: ['CPOS0039999999'],
      vatRates: [{ label: 'A', ratePercent: 20, outOfScope: false }],
    });
    expect(engine.allowedPosIds()).toEqual(['CPOS0039999999']);
    const r = signed(await engine.sign('signSale', { ...m110Sale(2), posId: 'CPOS0039999999' }, false));
    expect(r.vatCalc?.[0]).toMatchObject({ label: 'A', rate: 20, taxableAmount: 20, vatAmount: 4 });
    // B was not in the refreshed list: the default stays.
    expect(r.vatCalc?.[1]).toMatchObject({ label: 'B', rate: 12 });
    expect(refused(await engine.sign('signSale', m110Sale(3), false)).code).toBe('UNKNOWN_POS');
  });

  it('switches to announced VAT rates at midnight Belgian time, by its own clock', async () => {
    const { engine } = await openEngine({ clock: new ManualClock('2026-06-30T12:00:00Z') });
    engine.applyParameters({
      vatRates: [{ label: 'A', ratePercent: 21, outOfScope: false }],
      vatRateChanges: [
        { from: '2027-01-01', rates: [{ label: 'A', ratePercent: 23, outOfScope: false }] },
        { from: '2026-07-01', rates: [{ label: 'A', ratePercent: 22, outOfScope: false }] },
      ],
    });
    const rateA = (iso: string) => engine.vatRatesAt(new Date(iso)).A.ratePercent;
    expect(rateA('2026-06-30T21:59:59Z')).toBe(21); // 23:59:59 in Brussels (CEST)
    expect(rateA('2026-06-30T22:00:00Z')).toBe(22); // midnight in Brussels
    expect(rateA('2026-12-31T22:59:59Z')).toBe(22); // 23:59:59 (CET)
    expect(rateA('2026-12-31T23:00:00Z')).toBe(23);
    expect(engine.vatRatesAt(new Date('2027-06-01T00:00:00Z')).B.ratePercent).toBe(12);
    // New rates without changes cancel the announced ones.
    engine.applyParameters({ vatRates: [{ label: 'A', ratePercent: 21, outOfScope: false }] });
    expect(rateA('2027-06-01T00:00:00Z')).toBe(21);
  });

  it('signs a full refund with negative vatCalc (M111)', async () => {
    const { engine } = await openEngine();
    const sale = signed(await engine.sign('signSale', m110Sale(1), false));
    const refund = signed(await engine.sign('signSale', m111FullRefund(2, sale.fdmRef), false));
    expect(refund.fdmRef.eventCounter).toBe(2);
    expect(refund.vatCalc?.[0]).toMatchObject({
      label: 'A',
      taxableAmount: -19.83,
      vatAmount: -4.17,
      totalAmount: -24,
    });
  });

  it('gives training events label T, no vatCalc, no short signature, and a training footer (M171)', async () => {
    const { engine } = await openEngine();
    const r = signed(await engine.sign('signSale', m110Sale(1), true));
    expect(r.fdmRef.eventLabel).toBe('T');
    expect(r.eventOperation).toBe('SALE');
    expect(r.vatCalc).toBeNull();
    expect(r.shortSignature).toBe('');
    expect(r.verificationUrl).toBe('');
    expect(r.footer).toEqual(['TRAINING', 'DIT IS GEEN GELDIG BTW-KASTICKET']);
  });

  it('counts per label and over all events', async () => {
    const { engine } = await openEngine();
    const labels: string[] = [];
    labels.push(refLabel(signed(await engine.sign('signWorkIn', workInOut(1, '80113078968'), false))));
    labels.push(refLabel(signed(await engine.sign('signSale', m110Sale(2), false))));
    labels.push(refLabel(signed(await engine.sign('signSale', m110Sale(3), false))));
    labels.push(refLabel(signed(await engine.sign('signWorkOut', workInOut(4, '80113078968'), false))));
    labels.push(refLabel(signed(await engine.sign('signSale', m110Sale(5), true))));
    expect(labels).toEqual(['S 1/1', 'N 1/2', 'N 2/3', 'S 2/4', 'T 1/5']);
  });

  it('stamps fdmDateTime from the FDM clock, never backwards when the host clock steps back', async () => {
    const clock = new ManualClock('2024-07-29T11:00:08Z');
    const { engine } = await openEngine({ clock });
    signed(await engine.sign('signSale', m110Sale(1), false));
    clock.set('2024-07-29T10:00:00Z');
    const r = signed(await engine.sign('signSale', m110Sale(2), false));
    expect(r.fdmRef.fdmDateTime).toBe('2024-07-29T11:00:08Z');
  });

  it('50 concurrent signings get unique, gap-free counters in chain order', async () => {
    const { engine, memory } = await openEngine();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        engine.sign(
          i % 5 === 0 ? 'signWorkIn' : 'signSale',
          i % 5 === 0 ? workInOut(i + 1, '80113078968') : m110Sale(i + 1),
          false,
        ),
      ),
    );
    const totals = results.map((r) => signed(r).fdmRef.totalCounter).sort((a, b) => a - b);
    expect(totals).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const nCounters = results
      .map(signed)
      .filter((r) => r.fdmRef.eventLabel === 'N')
      .map((r) => r.fdmRef.eventCounter);
    expect(nCounters.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    let i = 0;
    for await (const record of memory.read(0)) {
      expect(record.event.fields.totalCounter).toBe(++i);
    }
    expect(i).toBe(50);
  });
});

function refLabel(r: SignResult): string {
  return `${r.fdmRef.eventLabel} ${r.fdmRef.eventCounter}/${r.fdmRef.totalCounter}`;
}

describe('FdmEngine duplicates', () => {
  it('answers the same request twice with the original result and a DUPLICATE_REQUEST warning, storing nothing', async () => {
    const { engine, memory } = await openEngine();
    const first = signed(await engine.sign('signSale', m110Sale(7), false));
    const again = signed(await engine.sign('signSale', m110Sale(7), false));
    expect(again.fdmRef).toEqual(first.fdmRef);
    expect(again.digitalSignature).toBe(first.digitalSignature);
    expect(again.warnings?.map((w) => w.extensions?.code)).toEqual(['DUPLICATE_REQUEST']);
    expect(memory.count).toBe(1);
  });

  it('answers concurrent identical requests with one event', async () => {
    const { engine, memory } = await openEngine();
    const rs = await Promise.all(
      Array.from({ length: 5 }, () => engine.sign('signSale', m110Sale(7), false)),
    );
    expect(new Set(rs.map((r) => signed(r).fdmRef.totalCounter))).toEqual(new Set([1]));
    expect(memory.count).toBe(1);
  });

  it('refuses the same key with other content (KEY_FIELD_COMBINATION_ALREADY_USED)', async () => {
    const { engine, memory, errorLog } = await openEngine();
    signed(await engine.sign('signSale', m110Sale(7), false));
    const other = m110Sale(7);
    other.transaction.transactionLines = [dryMartini(1), burger(1)];
    other.transaction.transactionTotal = 40;
    other.financials = other.financials.map((line) => ({ ...line, amount: 40 }));
    const r = refused(await engine.sign('signSale', other, false));
    expect(r).toMatchObject({ code: 'INVALID_REQUEST', subCode: 'KEY_FIELD_COMBINATION_ALREADY_USED' });
    expect(memory.count).toBe(1);
    expect(errorLog.entries.map((e) => e.subCode)).toEqual(['KEY_FIELD_COMBINATION_ALREADY_USED']);
  });

  it('does not treat the training twin of a request as a duplicate (other label)', async () => {
    const { engine, memory } = await openEngine();
    signed(await engine.sign('signSale', m110Sale(7), false));
    expect(signed(await engine.sign('signSale', m110Sale(7), true)).fdmRef.eventLabel).toBe('T');
    expect(memory.count).toBe(2);
  });

  it('rebuilds counters and the duplicate index from memory after a restart', async () => {
    const first = await openEngine();
    const original = signed(await first.engine.sign('signSale', m110Sale(7), false));
    signed(await first.engine.sign('signWorkIn', workInOut(8, '80113078968'), false));
    await first.memory.close();
    const second = await openEngine({ clock: new ManualClock('2020-01-01T00:00:00Z') });
    const again = signed(await second.engine.sign('signSale', m110Sale(7), false));
    expect(again.fdmRef).toEqual(original.fdmRef);
    const next = signed(await second.engine.sign('signSale', m110Sale(9), false));
    expect(refLabel(next)).toBe('N 2/3');
    // The host clock is years behind: the FDM clock stays at the last stored event.
    expect(next.fdmRef.fdmDateTime).toBe('2024-07-29T11:00:08Z');
  });
});

describe('FdmEngine duplicates older than the exact key window', () => {
  /** A sale with other content under the same key (other lines and total). */
  function otherContent(ticket: number) {
    const other = m110Sale(ticket);
    other.transaction.transactionLines = [dryMartini(1), burger(1)];
    other.transaction.transactionTotal = 40;
    other.financials = other.financials.map((line) => ({ ...line, amount: 40 }));
    return other;
  }

  it('recognises a resend of an event far behind the window, before and after a restart', async () => {
    const first = await openEngine({ recentKeys: 2 });
    const originals = [];
    for (let ticket = 1; ticket <= 6; ticket++) {
      originals.push(signed(await first.engine.sign('signSale', m110Sale(ticket), false)));
    }
    const again = signed(await first.engine.sign('signSale', m110Sale(1), false));
    expect(again.fdmRef).toEqual(originals[0]?.fdmRef);
    expect(again.warnings?.map((w) => w.extensions?.code)).toEqual(['DUPLICATE_REQUEST']);
    expect(refused(await first.engine.sign('signSale', otherContent(2), false)).subCode).toBe(
      'KEY_FIELD_COMBINATION_ALREADY_USED',
    );
    await first.memory.close();

    const second = await openEngine({ recentKeys: 2 });
    // Concurrent resends of one old event: each reads the record back, none stores anything.
    const resends = await Promise.all(
      [1, 1, 3].map((t) => second.engine.sign('signSale', m110Sale(t), false)),
    );
    expect(resends.map((r) => signed(r).fdmRef.totalCounter)).toEqual([1, 1, 3]);
    expect(refused(await second.engine.sign('signSale', otherContent(3), false)).subCode).toBe(
      'KEY_FIELD_COMBINATION_ALREADY_USED',
    );
    // New tickets still sign, and their keys are then known too.
    expect(refLabel(signed(await second.engine.sign('signSale', m110Sale(7), false)))).toBe('N 7/7');
    expect(signed(await second.engine.sign('signSale', m110Sale(7), false)).fdmRef.totalCounter).toBe(7);
    expect(second.memory.count).toBe(7);
  });

  it('rebuilds the same state from a seed fed while the memory opens as from reading it', async () => {
    const first = await openEngine({ recentKeys: 2 });
    for (let ticket = 1; ticket <= 5; ticket++)
      signed(await first.engine.sign('signSale', m110Sale(ticket), false));
    signed(await first.engine.sign('signWorkIn', workInOut(6, '80113078968'), false));
    await first.memory.close();
    const seed = FdmEngine.seedFor({ recentKeys: 2 });
    const { memory } = await EventMemory.open(join(dir, 'memory.bin'), {
      capacityBytes: 10_000_000,
      onRecord: seed.add,
    });
    memories.push(memory);
    expect(seed.records).toBe(6);
    const engine = await FdmEngine.open({
      seed,
      state,
      memory,
      errorLog: new ListErrorLog(),
      clock: new ManualClock('2020-01-01T00:00:00Z'),
    });
    expect([engine.totalCounter, engine.eventCounter('N'), engine.eventCounter('S')]).toEqual([6, 5, 1]);
    expect(signed(await engine.sign('signSale', m110Sale(1), false)).fdmRef.totalCounter).toBe(1);
    expect(signed(await engine.sign('signSale', m110Sale(5), false)).fdmRef.totalCounter).toBe(5);
    const next = signed(await engine.sign('signSale', m110Sale(7), false));
    expect(refLabel(next)).toBe('N 6/7');
    expect(next.fdmRef.fdmDateTime).toBe('2024-07-29T11:00:08Z');
  });

  it('signs a new key whatever the window, and refuses a reused old key concurrently with its new use', async () => {
    const { engine, memory } = await openEngine({ recentKeys: 1 });
    for (let ticket = 1; ticket <= 4; ticket++)
      signed(await engine.sign('signSale', m110Sale(ticket), false));
    const [resend, other, fresh] = await Promise.all([
      engine.sign('signSale', m110Sale(2), false),
      engine.sign('signSale', otherContent(2), false),
      engine.sign('signSale', m110Sale(5), false),
    ]);
    expect(signed(resend).fdmRef.totalCounter).toBe(2);
    expect(refused(other).subCode).toBe('KEY_FIELD_COMBINATION_ALREADY_USED');
    expect(signed(fresh).fdmRef.totalCounter).toBe(5);
    expect(memory.count).toBe(5);
  });
});

describe('FdmEngine refusals', () => {
  it.each([
    ['an unknown POS', { posId: 'CPOS0039999999' }, 'UNKNOWN_POS', undefined],
    ['another VAT number', { vatNo: 'BE0308357159' }, 'INVALID_REQUEST', 'VATNO_MISMATCH'],
    ['another establishment', { estNo: '2000000141' }, 'INVALID_REQUEST', 'ESTNO_MISMATCH'],
    ['a bad VAT number', { vatNo: 'BE0000000098' }, 'INVALID_REQUEST', 'INVALID_VATNO'],
    ['a Z posDateTime', { posDateTime: '2024-07-29T11:00:00Z' }, 'INVALID_REQUEST', 'INVALID_POSDATETIME'],
    ['a ticket number 0', { posFiscalTicketNo: 0 }, 'INVALID_REQUEST', 'INVALID_POSFISCALTICKETNO'],
    ['a bad employee', { employeeId: '84022899830' }, 'INVALID_REQUEST', 'INVALID_EMPLOYEEID'],
  ])('refuses %s, stores nothing and logs the error', async (_name, override, code, subCode) => {
    const { engine, memory, errorLog } = await openEngine();
    const r = refused(await engine.sign('signSale', { ...m110Sale(1), ...override }, false));
    expect(r.code).toBe(code);
    if (subCode) expect(r.subCode).toBe(subCode);
    expect(memory.count).toBe(0);
    expect(errorLog.entries).toHaveLength(1);
    expect(errorLog.entries[0]?.code).toBe(code);
  });

  it('refuses a total mismatch with the field path', async () => {
    const { engine } = await openEngine();
    const bad = m110Sale(1);
    bad.transaction.transactionTotal = 51.99;
    const r = refused(await engine.sign('signSale', bad, false));
    expect(r).toMatchObject({ code: 'INVALID_REQUEST', subCode: 'TOTAL_MISMATCH' });
    expect(r.field).toContain('transactionTotal');
  });

  it('refuses every sign with FDM_NOT_OPERATIONAL naming the damaged record', async () => {
    const first = await openEngine();
    for (let i = 1; i <= 3; i++) signed(await first.engine.sign('signSale', m110Sale(i), false));
    await first.memory.close();
    const file = join(dir, 'memory.bin');
    const bytes = await readFile(file);
    // Flip a byte inside the last record's payload.
    bytes[bytes.length - 200] = (bytes[bytes.length - 200] ?? 0) ^ 0x01;
    await writeFile(file, bytes);
    const second = await openEngine();
    const r = refused(await second.engine.sign('signSale', m110Sale(4), false));
    expect(r.code).toBe('FDM_NOT_OPERATIONAL');
    expect(r.params['recordIndex']).toBe(2);
    expect(second.engine.operationalProblem()?.code).toBe('FDM_NOT_OPERATIONAL');
  });

  it('refuses with BUFFER_FULL once the capacity is used, and warns BUFFER_NEAR_FULL above 70 %', async () => {
    const probe = await openEngine();
    signed(await probe.engine.sign('signSale', m110Sale(1), false));
    const oneRecord = probe.memory.sizeBytes;
    await probe.memory.close();
    await rm(join(dir, 'memory.bin'));
    // Room for a header and a bit more than one record: the first fills it past 70 %.
    const { engine, memory } = await openEngine({ capacityBytes: Math.ceil(oneRecord * 1.2) });
    const r1 = signed(await engine.sign('signSale', m110Sale(1), false));
    expect(r1.bufferCapacityUsed).toBeLessThan(70);
    const r2 = await engine.sign('signSale', m110Sale(2), false);
    if (r2.ok) throw new Error('expected BUFFER_FULL');
    expect(engine.bufferCapacityUsed()).toBeGreaterThan(70);
    expect(engine.standingWarnings('EN')[0]?.extensions?.code).toBe('BUFFER_NEAR_FULL');
    // Over capacity: the second record did not fit.
    expect(memory.count).toBe(1);
    expect(r2.error.code).toBe('BUFFER_FULL');
  });
});

describe('FdmEngine capacity across a restart', () => {
  it('refuses with BUFFER_FULL right after a restart when the next record cannot fit', async () => {
    const probe = await openEngine();
    signed(await probe.engine.sign('signSale', m110Sale(1), false));
    const oneRecord = probe.memory.sizeBytes;
    await probe.memory.close();
    const restarted = await openEngine({ capacityBytes: Math.ceil(oneRecord * 1.5) });
    expect(refused(await restarted.engine.sign('signSale', m110Sale(2), false)).code).toBe('BUFFER_FULL');
    expect(restarted.memory.count).toBe(1);
  });
});

describe('FdmEngine fault injection', () => {
  it.each([
    [{ locked: true }, 'FDM_LOCKED'],
    [{ notOperational: true }, 'FDM_NOT_OPERATIONAL'],
    [{ buffer: 'full' }, 'BUFFER_FULL'],
    [{ error: 'INTERNAL_ERROR' }, 'INTERNAL_ERROR'],
    [{ error: { code: 'UNKNOWN_POS', times: 1 } }, 'UNKNOWN_POS'],
  ])('%j refuses with %s and stores nothing', async (patch, code) => {
    const faults = new FaultController();
    const { engine, memory } = await openEngine({ faults });
    expect(faults.update(patch).ok).toBe(true);
    expect(refused(await engine.sign('signSale', m110Sale(1), false)).code).toBe(code);
    expect(memory.count).toBe(0);
  });

  it('reports the buffer near full as a MANDATORY warning on every answer', async () => {
    const faults = new FaultController();
    const { engine } = await openEngine({ faults });
    faults.update({ buffer: 'near-full' });
    const r = signed(await engine.sign('signSale', m110Sale(1), false));
    expect(r.bufferCapacityUsed).toBeGreaterThan(70);
    expect(r.warnings).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BUFFER_NEAR_FULL', showPos: 'MANDATORY' }),
      }),
    ]);
  });

  it('follows the uploader: FDM_LOCKED while it says locked, a MANDATORY TRANSACTION_UPLOAD_FAILED while failing, a nudge per durable sign', async () => {
    const upload = { locked: false, uploadFailing: false, nudges: 0 };
    const { engine, memory } = await openEngine({
      upload: { status: () => ({ ...upload }), nudge: () => void upload.nudges++ },
    });
    expect(signed(await engine.sign('signSale', m110Sale(1), false)).warnings ?? []).toEqual([]);
    expect(upload.nudges).toBe(1);
    upload.uploadFailing = true;
    const warned = signed(await engine.sign('signSale', m110Sale(2), false));
    expect(warned.warnings).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'TRANSACTION_UPLOAD_FAILED', showPos: 'MANDATORY' }),
      }),
    ]);
    upload.locked = true;
    expect(refused(await engine.sign('signSale', m110Sale(3), false)).code).toBe('FDM_LOCKED');
    expect(memory.count).toBe(2);
    expect(upload.nudges).toBe(2);
    upload.locked = false;
    upload.uploadFailing = false;
    expect(signed(await engine.sign('signSale', m110Sale(3), false)).fdmRef.totalCounter).toBe(3);
  });

  it('signs again once a fault is switched off', async () => {
    const faults = new FaultController();
    const { engine } = await openEngine({ faults });
    faults.update({ locked: true });
    refused(await engine.sign('signSale', m110Sale(1), false));
    faults.update({ locked: false });
    expect(signed(await engine.sign('signSale', m110Sale(1), false)).fdmRef.totalCounter).toBe(1);
  });
});
