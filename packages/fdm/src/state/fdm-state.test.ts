import { describe, it, expect, afterEach } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initFdmState, loadFdmState } from './fdm-state.js';
import type { InitFdmOptions } from './fdm-state.js';
import { LocalTestCa } from '../ca/local-test-ca.js';
import { EventMemory } from '../memory/event-memory.js';
import { signEvent, verifyEventSignature } from '../signing/event-signature.js';
import { vectorFields } from '../signing/test-vector.js';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'fdm-state-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const base: InitFdmOptions = {
  fdmId: 'FOD01000001',
  vatNo: 'BE0000000097',
  estNo: '2000000042',
  allowedPosIds: ['CPOS0031234567'],
  now: new Date('2025-03-14T12:00:00Z'),
};

describe('initFdmState / loadFdmState', () => {
  it('creates a complete state directory that loads back identically', async () => {
    const dir = join(await freshDir(), 'fdm');
    const init = await initFdmState(dir, base);
    if (!init.ok) throw new Error(init.error.reason);
    const s = init.value;
    expect((await readdir(dir)).sort()).toEqual(
      [
        'ca',
        'ca-cert.pem',
        'dumps.log',
        'errors.log',
        'fdm-cert.pem',
        'fdm-key.pem',
        'fdm.json',
        'memory.fdm',
        'tls',
      ].sort(),
    );
    expect(s.config).toMatchObject({
      fdmId: 'FOD01000001',
      productionNo: 'FOD01000001_v2.1',
      vatNo: 'BE0000000097',
      estNo: '2000000042',
      allowedPosIds: ['CPOS0031234567'],
      createdAt: '2025-03-14T12:00:00.000Z',
    });
    expect(s.config.vatRates.map((r) => `${r.label}${r.ratePercent}${r.outOfScope ? '*' : ''}`)).toEqual([
      'A21',
      'B12',
      'C6',
      'D0',
      'X0*',
    ]);
    // the certificate certifies the signing key, under the CA
    const cert = new X509Certificate(s.certificatePem);
    expect(cert.publicKey.equals(s.signer.publicKey)).toBe(true);
    expect(cert.verify(new X509Certificate(s.caCertificatePem).publicKey)).toBe(true);
    expect(new X509Certificate(s.tls.certPem).checkIP('127.0.0.1')).toBe('127.0.0.1');
    // the memory is there and empty
    const { memory, report } = await EventMemory.open(s.paths.memory, {
      capacityBytes: s.config.capacityBytes,
    });
    expect(report.records).toBe(0);
    await memory.close();

    const loaded = await loadFdmState(dir);
    if (!loaded.ok) throw new Error(loaded.error.reason);
    expect(loaded.value.config).toEqual(s.config);
    const { digitalSignature } = signEvent(loaded.value.signer, vectorFields);
    expect(verifyEventSignature(s.signer.publicKey, vectorFields, digitalSignature)).toBe(true);
  });

  it('writes every private key with mode 0600', async () => {
    const dir = await freshDir();
    expect((await initFdmState(dir, base)).ok).toBe(true);
    for (const key of ['fdm-key.pem', 'tls/server-key.pem', 'ca/ca-key.pem']) {
      expect(((await stat(join(dir, key))).mode & 0o777).toString(8)).toBe('600');
    }
  });

  it('refuses a directory that already holds an FDM, leaving the memory untouched', async () => {
    const dir = await freshDir();
    expect((await initFdmState(dir, base)).ok).toBe(true);
    const memoryBefore = await readFile(join(dir, 'memory.fdm'));
    const configBefore = await readFile(join(dir, 'fdm.json'), 'utf8');
    const again = await initFdmState(dir, { ...base, fdmId: 'FOD01000002' });
    expect(again).toMatchObject({
      ok: false,
      error: { reason: expect.stringMatching(/already holds an FDM/) },
    });
    expect(await readFile(join(dir, 'memory.fdm'))).toEqual(memoryBefore);
    expect(await readFile(join(dir, 'fdm.json'), 'utf8')).toBe(configBefore);
    // a leftover memory alone (an init that crashed) is refused too
    await unlink(join(dir, 'fdm.json'));
    expect((await initFdmState(dir, base)).ok).toBe(false);
  });

  it('lets only one of two concurrent inits of one directory succeed', async () => {
    const dir = await freshDir();
    const results = await Promise.all([initFdmState(dir, base), initFdmState(dir, base)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it.each<[string, Partial<InitFdmOptions>]>([
    ['a bad fdmId', { fdmId: 'FOD0100001' }],
    ['a production number as fdmId', { fdmId: 'FOD01000001_v2.1' }],
    ['a VAT number with a bad checksum', { vatNo: 'BE0000000098' }],
    ['a VAT number without BE', { vatNo: '0000000097' }],
    ['an estNo with a bad checksum', { estNo: '2000000043' }],
    ['an estNo starting with 1', { estNo: '1000000042' }],
    ['a malformed posId', { allowedPosIds: ['POS123'] }],
    ['a duplicated posId', { allowedPosIds: ['CPOS0031234567', 'CPOS0031234567'] }],
    ['a tiny capacity', { capacityBytes: 100 }],
    ['a fractional capacity', { capacityBytes: 10_000.5 }],
    ['a non-http verification URL', { verificationBaseUrl: 'ftp://x' }],
    ['an invalid date', { now: new Date('nope') }],
  ])('refuses %s and writes nothing', async (_name, patch) => {
    const dir = join(await freshDir(), 'fdm');
    const result = await initFdmState(dir, { ...base, ...patch });
    expect(result.ok).toBe(false);
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
  });

  it('uses a supplied CA instead of creating a local one', async () => {
    const caDir = await freshDir();
    const ca = await LocalTestCa.create(caDir);
    const dir = await freshDir();
    const result = await initFdmState(dir, { ...base, ca });
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.value.caCertificatePem).toBe(ca.caCertificatePem);
    expect((await readdir(dir)).includes('ca')).toBe(false);
  });

  it('refuses to load a directory without an FDM, with a missing memory, a leaked key or a bad config', async () => {
    const empty = await freshDir();
    expect(await loadFdmState(empty)).toMatchObject({
      ok: false,
      error: { reason: expect.stringMatching(/no FDM/) },
    });

    const dir = await freshDir();
    expect((await initFdmState(dir, base)).ok).toBe(true);
    await chmod(join(dir, 'fdm-key.pem'), 0o644);
    expect(await loadFdmState(dir)).toMatchObject({
      ok: false,
      error: { reason: expect.stringMatching(/chmod 600/) },
    });
    await chmod(join(dir, 'fdm-key.pem'), 0o600);

    const config = await readFile(join(dir, 'fdm.json'), 'utf8');
    await writeFile(join(dir, 'fdm.json'), config.replace('BE0000000097', 'BE0000000098'));
    expect(await loadFdmState(dir)).toMatchObject({
      ok: false,
      error: { reason: expect.stringMatching(/vatNo/) },
    });
    await writeFile(join(dir, 'fdm.json'), '{');
    expect((await loadFdmState(dir)).ok).toBe(false);
    await writeFile(join(dir, 'fdm.json'), config);
    expect((await loadFdmState(dir)).ok).toBe(true);

    await rm(join(dir, 'memory.fdm'));
    expect(await loadFdmState(dir)).toMatchObject({
      ok: false,
      error: { reason: expect.stringMatching(/memory/) },
    });
  });
});
