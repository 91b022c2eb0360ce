import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDump } from './write-dump.js';
import { EventMemory } from '../memory/event-memory.js';
import { nextEvent } from '../memory/test-chain.js';
import { ErrorLog } from '../state/error-log.js';
import { initFdmState } from '../state/fdm-state.js';
import type { FdmState } from '../state/fdm-state.js';
import { verifyEventSignature } from '../signing/event-signature.js';
import type { SignedEventFields } from '../signing/signed-event.js';

let root: string;
let state: FdmState;
let memory: EventMemory;
const now = new Date('2025-03-20T10:15:30Z');

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dump-'));
  const init = await initFdmState(join(root, 'fdm'), {
    fdmId: 'FOD01000001',
    vatNo: 'BE0000000097',
    estNo: '2000000042',
    allowedPosIds: ['CPOS0031234567'],
    now,
  });
  if (!init.ok) throw new Error(init.error.reason);
  state = init.value;
  memory = (
    await EventMemory.open(state.paths.memory, { capacityBytes: 1e8, publicKey: state.signer.publicKey })
  ).memory;
  // One event per Belgian day 10..14 March, the last one late in the evening (UTC date 14, Belgian 15).
  const times = [
    '2025-03-10T09:00:00Z',
    '2025-03-11T09:00:00Z',
    '2025-03-12T09:00:00Z',
    '2025-03-13T09:00:00Z',
    '2025-03-14T23:30:00Z',
  ];
  for (const [i, fdmDateTime] of times.entries()) {
    await memory.append(
      nextEvent(memory, state.signer, {
        fdmDateTime,
        label: i === 2 ? 'T' : 'N',
        posId: i === 4 ? 'CPOS0039999999' : undefined,
      }),
    );
  }
  const errors = await ErrorLog.open(state.paths.errorLog);
  await errors.append({
    fdmDateTime: '2025-03-10T12:00:00Z',
    posId: 'CPOS0031234567',
    code: 'UNKNOWN_POS',
    message: 'x',
  });
  await errors.append({
    fdmDateTime: '2025-03-13T12:00:00Z',
    code: 'INVALID_REQUEST',
    subCode: 'MISSING_FIELD',
    field: 'data.posId',
    message: 'y',
  });
  await errors.close();
});
afterEach(async () => {
  await memory.close();
  await rm(root, { recursive: true, force: true });
});

const lines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');
const jsonLines = async (path: string) =>
  (await lines(path)).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('writeDump (C-74, C-75)', () => {
  it('writes FDMserl.txt, FDMmem.log and FDMerror.log with everything when no period is named', async () => {
    const out = join(root, 'card');
    const result = await writeDump({ state, memory, outDir: out, now });
    expect(result).toMatchObject({
      ok: true,
      value: { dumpNo: 1, events: 5, errors: 2, status: 'OK', restrictedBy: 'none' },
    });
    const serial = await lines(join(out, 'FDMserl.txt'));
    const serialNo = new X509Certificate(state.certificatePem).serialNumber.toLowerCase();
    expect(serial).toEqual([
      'productionNo=FOD01000001_v2.1',
      'status=OK',
      'lastPosProductionNo=CPOS0039999999',
      'rtc=20/03/2025;11:15:30',
      `lastVscId=${serialNo}`,
      'dumpCount=1',
      'dump.1=20/03/2025;11:15:30;from=-;to=-;restrictedBy=none;events=5;errors=2;status=OK',
    ]);
    const events = await jsonLines(join(out, 'FDMmem.log'));
    expect(events.map((e) => (e['fdmRef'] as { totalCounter: number }).totalCounter)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(events[2]).toMatchObject({
      isTraining: true,
      eventOperation: 'SALE',
      total: 12.5,
      posFiscalTicketNo: 3,
    });
    expect(events[1]?.['prevHash']).toBe(events[0]?.['recordHash']);
    const errors = await jsonLines(join(out, 'FDMerror.log'));
    expect(errors.map((e) => e['code'])).toEqual(['UNKNOWN_POS', 'INVALID_REQUEST']);
  });

  it('gives an auditor all that is needed to re-verify each signature from FDMmem.log alone', async () => {
    const out = join(root, 'card');
    await writeDump({ state, memory, outDir: out, now });
    for (const e of await jsonLines(join(out, 'FDMmem.log'))) {
      const ref = e['fdmRef'] as Pick<
        SignedEventFields,
        'fdmId' | 'fdmDateTime' | 'eventLabel' | 'eventCounter' | 'totalCounter'
      >;
      const fields = {
        ...ref,
        eventOperation: e['eventOperation'],
        isTraining: e['isTraining'],
        posId: e['posId'],
        posFiscalTicketNo: e['posFiscalTicketNo'],
        posDateTime: e['posDateTime'],
        terminalId: e['terminalId'],
        deviceId: e['deviceId'],
        dataHash: e['dataHash'],
        prevHash: e['prevHash'],
      } as SignedEventFields;
      const publicKey = new X509Certificate(state.certificatePem).publicKey;
      expect(verifyEventSignature(publicKey, fields, e['digitalSignature'] as string)).toBe(true);
    }
  });

  it('restricts to the period in FDM.DER (Belgian dates), and numbers and lists every dump', async () => {
    const out = join(root, 'card');
    await writeDump({ state, memory, outDir: out, now });
    await writeFile(join(out, 'FDM.DER'), 'FROM=2025-03-12\r\nTO=2025-03-15\r\n');
    const later = new Date('2025-07-01T08:00:00Z');
    const result = await writeDump({ state, memory, outDir: out, now: later });
    expect(result).toMatchObject({
      ok: true,
      value: { dumpNo: 2, events: 3, errors: 1, restrictedBy: 'FDM.DER' },
    });
    const events = await jsonLines(join(out, 'FDMmem.log'));
    expect(events.map((e) => (e['fdmRef'] as { totalCounter: number }).totalCounter)).toEqual([3, 4, 5]);
    expect((await jsonLines(join(out, 'FDMerror.log'))).map((e) => e['code'])).toEqual(['INVALID_REQUEST']);
    const serial = await lines(join(out, 'FDMserl.txt'));
    expect(serial).toContain('rtc=01/07/2025;10:00:00');
    expect(serial).toContain('dumpCount=2');
    expect(serial.slice(-2)).toEqual([
      'dump.1=20/03/2025;11:15:30;from=-;to=-;restrictedBy=none;events=5;errors=2;status=OK',
      'dump.2=01/07/2025;10:00:00;from=2025-03-12;to=2025-03-15;restrictedBy=FDM.DER;events=3;errors=1;status=OK',
    ]);
    expect(await lines(state.paths.dumpLog)).toHaveLength(2);
    expect(await readFile(join(out, 'FDM.DER'), 'utf8')).toBe('FROM=2025-03-12\r\nTO=2025-03-15\r\n');
  });

  it('applies from/to options, together with FDM.DER when both are present', async () => {
    const a = await writeDump({
      state,
      memory,
      outDir: join(root, 'a'),
      now,
      from: '2025-03-11',
      to: '2025-03-13',
    });
    expect(a).toMatchObject({ ok: true, value: { events: 3, errors: 1, restrictedBy: 'options' } });
    const b = join(root, 'b');
    await mkdir(b);
    await writeFile(join(b, 'FDM.DER'), 'TO=2025-03-12\n');
    const both = await writeDump({ state, memory, outDir: b, now, from: '2025-03-11' });
    expect(both).toMatchObject({
      ok: true,
      value: { events: 2, period: { from: '2025-03-11', to: '2025-03-12' }, restrictedBy: 'FDM.DER+options' },
    });
  });

  it.each<[string, { der?: string; from?: string; to?: string }]>([
    ['a malformed FDM.DER', { der: 'garbage' }],
    ['an empty FDM.DER', { der: '' }],
    ['an inverted FDM.DER period', { der: 'FROM=2025-03-14\nTO=2025-03-01' }],
    ['a bad from option', { from: '14/03/2025' }],
    ['an impossible to option', { to: '2025-02-30' }],
    ['an inverted option period', { from: '2025-03-14', to: '2025-03-01' }],
  ])('refuses %s, copies nothing and logs no dump', async (_name, c) => {
    const out = join(root, 'card');
    await mkdir(out);
    if (c.der !== undefined) await writeFile(join(out, 'FDM.DER'), c.der);
    const result = await writeDump({ state, memory, outDir: out, now, from: c.from, to: c.to });
    expect(result.ok).toBe(false);
    await expect(readFile(join(out, 'FDMmem.log'))).rejects.toThrow(/ENOENT/);
    expect(await readFile(state.paths.dumpLog, 'utf8')).toBe('');
  });

  it('reports status ERROR with the damaged record, and copies what precedes it', async () => {
    await memory.close();
    const bytes = await readFile(state.paths.memory);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 0xff;
    await writeFile(state.paths.memory, bytes);
    memory = (await EventMemory.open(state.paths.memory, { capacityBytes: 1e8 })).memory;
    const out = join(root, 'card');
    const result = await writeDump({ state, memory, outDir: out, now, lastPosId: 'CPOS0031234567' });
    expect(result).toMatchObject({ ok: true, value: { status: 'ERROR', events: 4 } });
    const serial = await lines(join(out, 'FDMserl.txt'));
    expect(serial[1]).toBe('status=ERROR');
    expect(serial[2]).toMatch(/^statusDetail=record 4 at byte \d+: record checksum mismatch$/);
    expect(serial).toContain('lastPosProductionNo=CPOS0031234567');
  });

  it('never blocks signing: appends interleaved with a dump all complete, the dump is a chain prefix', async () => {
    const appends: Promise<unknown>[] = [];
    const more = (n: number) => {
      for (let i = 0; i < n; i++) appends.push(memory.append(nextEvent(memory, state.signer)));
    };
    more(300);
    await Promise.all(appends);
    more(100);
    const dumping = writeDump({ state, memory, outDir: join(root, 'card'), now });
    more(100);
    const [result] = await Promise.all([dumping, Promise.all(appends)]);
    expect(memory.count).toBe(505);
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.value.events).toBeGreaterThanOrEqual(305);
    const counters = (await jsonLines(join(root, 'card', 'FDMmem.log'))).map(
      (e) => (e['fdmRef'] as { totalCounter: number }).totalCounter,
    );
    expect(counters).toEqual(Array.from({ length: result.value.events }, (_, i) => i + 1));
    // and two dumps at once get distinct numbers
    const [x, y] = await Promise.all([
      writeDump({ state, memory, outDir: join(root, 'x'), now }),
      writeDump({ state, memory, outDir: join(root, 'y'), now }),
    ]);
    expect([x.ok && x.value.dumpNo, y.ok && y.value.dumpNo].sort()).toEqual([2, 3]);
  });
});
