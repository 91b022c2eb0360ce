import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../testing/fixture.js';
import type { Fixture } from '../testing/fixture.js';
import { verifyAudit } from './verify.js';

let f: Fixture;
let dir: string;
let original: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gks-audit-hostile-'));
  f = await buildFixture(join(dir, 'fdm'));
  original = await readFile(f.memoryFile);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const verify = (memoryFile: string) =>
  verifyAudit({
    fdm: { memoryFile },
    fdmCertificatePem: f.certificatePem,
    caCertificatePem: f.caCertificatePem,
    journalFile: f.journalFile,
    workers: 0,
  });

describe('verifyAudit on hostile memory files', () => {
  it('never throws and always reports a finding, whatever bytes are changed, cut or inserted', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            kind: fc.constant('flip' as const),
            at: fc.nat(),
            bit: fc.integer({ min: 0, max: 7 }),
          }),
          fc.record({
            kind: fc.constant('cut' as const),
            at: fc.nat(),
            length: fc.integer({ min: 1, max: 400 }),
          }),
          fc.record({
            kind: fc.constant('insert' as const),
            at: fc.nat(),
            bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
          }),
        ),
        async (change) => {
          const at = 16 + (change.at % (original.length - 16));
          let bytes: Buffer;
          if (change.kind === 'flip') {
            bytes = Buffer.from(original);
            bytes[at] = (bytes[at] as number) ^ (1 << change.bit);
          } else if (change.kind === 'cut') {
            bytes = Buffer.concat([original.subarray(0, at), original.subarray(at + change.length)]);
          } else {
            bytes = Buffer.concat([
              original.subarray(0, at),
              Buffer.from(change.bytes),
              original.subarray(at),
            ]);
          }
          const file = join(dir, `hostile-${n++}.fdm`);
          await writeFile(file, bytes);
          const report = await verify(file);
          // A cut at the very end is a torn tail, which the FDM itself would discard: a warning.
          expect(report.errors + report.warnings).toBeGreaterThan(0);
          await rm(file);
        },
      ),
      { numRuns: 60 },
    );
  });
});
