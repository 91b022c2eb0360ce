import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, recordRanges } from '../testing/fixture.js';
import type { Fixture } from '../testing/fixture.js';
import { verifyAudit } from '../verify/verify.js';

// Worker threads run the build (dist/); without one, the checker stays on this thread.
const built = existsSync(fileURLToPath(new URL('../../dist/workers/verify-worker.js', import.meta.url)));

let dir: string;
let f: Fixture;
let forged: Fixture;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gks-audit-threads-'));
  f = await buildFixture(join(dir, 'fdm'));
  forged = await buildFixture(join(dir, 'forged'), { forgeEvent: 3, zExtraCents: 100 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const verify = (fixture: Fixture, memoryFile: string, workers: number) =>
  verifyAudit({
    fdm: { memoryFile },
    fdmCertificatePem: fixture.certificatePem,
    caCertificatePem: fixture.caCertificatePem,
    journalFile: fixture.journalFile,
    workers,
  });

describe('worker threads give the findings of checking on one thread', () => {
  it.skipIf(!built)('on damaged, reordered and forged memories', async () => {
    const { bytes, ranges } = await recordRanges(f.memoryFile);
    const r = (i: number) => ranges[i] as [number, number];
    const flipped = Buffer.from(bytes);
    flipped[r(6)[0] + 300] = (flipped[r(6)[0] + 300] as number) ^ 2;
    const inputs: [Fixture, Buffer | undefined][] = [
      [f, undefined],
      [forged, undefined],
      [f, flipped],
      [f, Buffer.concat([bytes.subarray(0, r(4)[0]), bytes.subarray(r(4)[1])])],
      [
        f,
        Buffer.concat([
          bytes.subarray(0, r(2)[0]),
          bytes.subarray(r(3)[0], r(3)[1]),
          bytes.subarray(r(2)[0], r(2)[1]),
          bytes.subarray(r(3)[1]),
        ]),
      ],
    ];
    let n = 0;
    for (const [fixture, changed] of inputs) {
      let memoryFile = fixture.memoryFile;
      if (changed) {
        memoryFile = join(dir, `changed-${n++}.fdm`);
        await writeFile(memoryFile, changed);
      }
      const here = await verify(fixture, memoryFile, 0);
      const threads = await verify(fixture, memoryFile, 2);
      expect(threads.threads).toBe(2);
      expect(threads.findings).toEqual(here.findings);
      expect(threads.events).toBe(here.events);
      if (fixture === forged || changed) expect(here.findings.length).toBeGreaterThan(0);
    }
  });
});
