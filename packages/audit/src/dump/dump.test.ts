import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventMemory, writeDump } from '@gks/fdm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../testing/fixture.js';
import type { Fixture } from '../testing/fixture.js';
import { verifyAudit } from '../verify/verify.js';

let f: Fixture;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gks-audit-dump-'));
  f = await buildFixture(join(dir, 'fdm'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function dump(outDir: string, der?: string): Promise<string> {
  if (der !== undefined) {
    await (await import('node:fs/promises')).mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'FDM.DER'), der);
  }
  const { memory } = await EventMemory.open(f.memoryFile, { capacityBytes: f.state.config.capacityBytes });
  try {
    const result = await writeDump({ state: f.state, memory, outDir, now: new Date('2025-03-15T10:00:00Z') });
    if (!result.ok) throw new Error(result.error.reason);
  } finally {
    await memory.close();
  }
  return join(outDir, 'FDMmem.log');
}

const verify = (dumpFile: string, journal = true) =>
  verifyAudit({
    fdm: { dumpFile },
    fdmCertificatePem: f.certificatePem,
    caCertificatePem: f.caCertificatePem,
    ...(journal ? { journalFile: f.journalFile } : {}),
    workers: 0,
  });

describe('verifyAudit on FDM dumps (FDMmem.log)', () => {
  it('a full dump of a clean FDM gives no finding', async () => {
    const report = await verify(await dump(join(dir, 'card-full')));
    expect(report.findings).toEqual([]);
    expect(report.events).toBe(f.events.length);
  });

  it('a dump restricted by FDM.DER to another day is empty and clean', async () => {
    const report = await verify(await dump(join(dir, 'card-empty'), 'FROM=2025-03-15\n'), false);
    expect(report.events).toBe(0);
    expect(report.findings).toEqual([]);
  });

  it('an edited amount in a dump line: DATA_HASH_MISMATCH, and the Z report no longer adds up', async () => {
    const file = await dump(join(dir, 'card-edit'));
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"transactionTotal":7', '"transactionTotal":0.7'));
    const report = await verify(file, false);
    expect([...new Set(report.findings.map((x) => x.code))].sort()).toEqual([
      'DATA_HASH_MISMATCH',
      'Z_REPORT_MISMATCH',
    ]);
  });

  it("another FDM's certificate: DUMP_CERTIFICATE_MISMATCH besides every signature", async () => {
    const other = await buildFixture(join(dir, 'other-fdm'));
    const file = await dump(join(dir, 'card-other-cert'));
    const report = await verifyAudit({
      fdm: { dumpFile: file },
      fdmCertificatePem: other.certificatePem,
      caCertificatePem: other.caCertificatePem,
      workers: 0,
    });
    expect(report.byCode.DUMP_CERTIFICATE_MISMATCH).toBe(1);
    expect(report.byCode.SIGNATURE_INVALID).toBe(f.events.length);
  });

  it('an FDM that reported its memory damaged: DUMP_STATUS_ERROR', async () => {
    const file = await dump(join(dir, 'card-status'));
    const serial = join(dir, 'card-status', 'FDMserl.txt');
    const text = await readFile(serial, 'utf8');
    await writeFile(
      serial,
      text.replace('status=OK', 'status=ERROR\nstatusDetail=record 3 at byte 900: checksum'),
    );
    const report = await verify(file, false);
    expect(report.findings.map((x) => x.code)).toEqual(['DUMP_STATUS_ERROR']);
    expect(report.findings[0]?.explanation).toContain('record 3 at byte 900');
  });

  it('a dump line removed: TOTAL_COUNTER_GAP and CHAIN_BROKEN', async () => {
    const file = await dump(join(dir, 'card-cut'));
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.splice(3, 1);
    await writeFile(file, lines.join('\n'));
    const report = await verify(file, false);
    expect(report.byCode.TOTAL_COUNTER_GAP).toBe(1);
    expect(report.byCode.CHAIN_BROKEN).toBe(1);
  });
});
