import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../engine/clock.js';
import { injectableErrorCodes } from '../faults/fault-controller.js';
import { startFdmServer, type RunningFdm } from '../server/fdm-server.js';
import { readErrorLog } from '../state/error-log.js';
import { m110Sale, workInOut } from './fod-requests.js';
import { mustSign, postGraphQL, signOverHttp, type SignAnswer } from './http-client.js';
import { fodStateDir } from './test-state.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(capacityBytes?: number) {
  const state = await fodStateDir(capacityBytes);
  cleanups.push(state.dispose);
  const fdm = await restart(state.dir);
  return { dir: state.dir, fdm };
}

async function restart(dir: string): Promise<RunningFdm> {
  const started = await startFdmServer({ dir, clock: new ManualClock('2024-07-29T11:00:08Z') });
  if (!started.ok) throw new Error(started.error.reason);
  const fdm = started.value;
  let stopped = false;
  cleanups.push(async () => {
    if (!stopped) await fdm.stop();
  });
  const stop = fdm.stop;
  return {
    ...fdm,
    stop: async () => {
      stopped = true;
      await stop();
    },
  };
}

function codeOf(answer: SignAnswer): string | undefined {
  return answer.ok ? undefined : answer.errors[0]?.extensions?.code;
}

async function setFaults(fdm: RunningFdm, patch: unknown) {
  const res = await fetch(fdm.adminUrl ?? '', {
    method: 'POST',
    headers: { authorization: `Bearer ${fdm.adminToken ?? ''}` },
    body: JSON.stringify(patch),
  });
  expect(res.status).toBe(200);
}

describe('FDM errors over HTTP', () => {
  it('answers every injectable error code, stores nothing, logs each in the error log', async () => {
    const { dir, fdm } = await start();
    for (const code of injectableErrorCodes) {
      await setFaults(fdm, { error: { code, times: 1 } });
      expect(codeOf(await signOverHttp(fdm.url, 'signSale', m110Sale(1)))).toBe(code);
    }
    expect(fdm.engine.totalCounter).toBe(0);
    await mustSign(fdm.url, 'signSale', m110Sale(1));
    const logged: string[] = [];
    for await (const e of readErrorLog(join(dir, 'errors.log'))) logged.push(e.code);
    expect(logged).toEqual([...injectableErrorCodes]);
  });

  it('UNKNOWN_POS, INVALID_REQUEST sub-codes, KEY_FIELD_COMBINATION_ALREADY_USED, DUPLICATE_REQUEST', async () => {
    const { fdm } = await start();
    expect(codeOf(await signOverHttp(fdm.url, 'signSale', { ...m110Sale(1), posId: 'CPOS0039999999' }))).toBe(
      'UNKNOWN_POS',
    );
    const mismatch = await signOverHttp(fdm.url, 'signSale', { ...m110Sale(1), vatNo: 'BE0308357159' });
    expect(mismatch.ok ? [] : mismatch.errors[0]?.extensions?.data).toEqual([
      { name: 'SUBCODE', value: 'VATNO_MISMATCH' },
      { name: 'FIELD', value: 'vatNo' },
    ]);
    await mustSign(fdm.url, 'signSale', m110Sale(2));
    const dup = await mustSign(fdm.url, 'signSale', m110Sale(2));
    expect(dup.warnings?.map((w) => w.extensions?.code)).toEqual(['DUPLICATE_REQUEST']);
    const reused = await signOverHttp(fdm.url, 'signSale', { ...m110Sale(2), bookingDate: '2024-07-30' });
    expect(reused.ok ? undefined : reused.errors[0]?.extensions?.data?.[0]?.value).toBe(
      'KEY_FIELD_COMBINATION_ALREADY_USED',
    );
    expect(fdm.engine.totalCounter).toBe(1);
  });

  it('FDM_LOCKED, FDM_NOT_OPERATIONAL, BUFFER_FULL and BUFFER_NEAR_FULL by fault, switched on and off at run time', async () => {
    const { fdm } = await start();
    await setFaults(fdm, { locked: true });
    expect(codeOf(await signOverHttp(fdm.url, 'signSale', m110Sale(1)))).toBe('FDM_LOCKED');
    await setFaults(fdm, { locked: false, notOperational: true });
    expect(codeOf(await signOverHttp(fdm.url, 'signSale', m110Sale(1)))).toBe('FDM_NOT_OPERATIONAL');
    const status = await postGraphQL(fdm.url, { query: '{ status { errors { extensions { code } } } }' });
    expect(status.data).toEqual({ status: { errors: [{ extensions: { code: 'FDM_NOT_OPERATIONAL' } }] } });
    await setFaults(fdm, { notOperational: false, buffer: 'full' });
    expect(codeOf(await signOverHttp(fdm.url, 'signSale', m110Sale(1)))).toBe('BUFFER_FULL');
    await setFaults(fdm, { buffer: 'near-full' });
    const r = await mustSign(fdm.url, 'signSale', m110Sale(1));
    expect(r.warnings?.[0]?.extensions).toMatchObject({ code: 'BUFFER_NEAR_FULL', showPos: 'MANDATORY' });
    await setFaults(fdm, { buffer: 'normal' });
    expect((await mustSign(fdm.url, 'signSale', m110Sale(2))).warnings).toEqual([]);
  });

  it('a real full memory refuses with BUFFER_FULL after warning BUFFER_NEAR_FULL', async () => {
    const { fdm } = await start(20_000);
    const codes: string[] = [];
    for (let i = 1; i <= 30; i++) {
      const a = await signOverHttp(fdm.url, 'signWorkIn', workInOut(i, '80113078968'));
      codes.push(a.ok ? (a.result.warnings?.[0]?.extensions?.code ?? 'OK') : (codeOf(a) ?? '?'));
    }
    expect(codes).toContain('BUFFER_NEAR_FULL');
    expect(codes.at(-1)).toBe('BUFFER_FULL');
    expect(codes.indexOf('BUFFER_NEAR_FULL')).toBeLessThan(codes.indexOf('BUFFER_FULL'));
  });

  it('50 concurrent signings over HTTP: counters unique and gap-free', async () => {
    const { fdm } = await start();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? mustSign(fdm.url, 'signSale', m110Sale(i + 1))
          : mustSign(fdm.url, 'signWorkIn', workInOut(i + 1, '80113078968')),
      ),
    );
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(sorted(answers.map((a) => a.fdmRef.totalCounter))).toEqual(range(50));
    expect(
      sorted(answers.filter((a) => a.fdmRef.eventLabel === 'N').map((a) => a.fdmRef.eventCounter)),
    ).toEqual(range(25));
    expect(
      sorted(answers.filter((a) => a.fdmRef.eventLabel === 'S').map((a) => a.fdmRef.eventCounter)),
    ).toEqual(range(25));
  });

  it('tamper: one changed byte in the memory file makes the FDM refuse to sign, naming the record', async () => {
    const { dir, fdm } = await start();
    for (let i = 1; i <= 5; i++) await mustSign(fdm.url, 'signSale', m110Sale(i));
    await fdm.stop();
    const file = join(dir, 'memory.fdm');
    const bytes = await readFile(file);
    // The third record's text: find the third sale's ticket number and change one digit.
    const at = bytes.indexOf(Buffer.from('"posFiscalTicketNo":3'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 20] = '4'.charCodeAt(0);
    await writeFile(file, bytes);
    const again = await restart(dir);
    expect(again.memoryReport.damage?.recordIndex).toBe(2);
    const refused = await signOverHttp(again.url, 'signSale', m110Sale(6));
    expect(codeOf(refused)).toBe('FDM_NOT_OPERATIONAL');
    expect(refused.ok ? '' : refused.errors[0]?.message).toContain('record 2');
    // The FDM still answers status, with the reason.
    const status = await postGraphQL(again.url, { query: '{ status(language: EN) { errors { message } } }' });
    expect(JSON.stringify(status.data)).toContain('record 2');
  });
});
