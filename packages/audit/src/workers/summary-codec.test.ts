import { serialize, deserialize } from 'node:v8';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBatch } from '../event/check-batch.js';
import type { EventSummary } from '../event/event-summary.js';
import { finding } from '../findings/finding.js';
import { readMemoryFile } from '../memory-file/read-memory-file.js';
import { buildFixture, recordRanges } from '../testing/fixture.js';
import { packSummaries, unpackSummaries } from './summary-codec.js';

let dir: string;
let real: EventSummary[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gks-audit-codec-'));
  const f = await buildFixture(join(dir, 'fdm'));
  real = [];
  for await (const b of readMemoryFile(f.memoryFile, { recordsPerBatch: 4, onFinding: () => {} }))
    real.push(...checkBatch({ kind: 'memory', ...b }, { checkSignature: undefined }));
  // Damaged records too: findings, no fields, unlinked hashes.
  const { bytes, ranges } = await recordRanges(f.memoryFile);
  const [from, to] = ranges[2] as [number, number];
  const broken = Buffer.from(bytes.subarray(from, to));
  broken[60] = 0x7b;
  real.push(
    ...checkBatch(
      { kind: 'memory', firstIndex: 40, offsets: [from], starts: [0], bytes: broken },
      { checkSignature: undefined },
    ),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** As postMessage carries it: structured clone of the packed form. */
const trip = (s: readonly EventSummary[]) =>
  unpackSummaries(deserialize(serialize(packSummaries(s))) as ReturnType<typeof packSummaries>);

describe('summary codec', () => {
  it('carries the summaries of a real memory unchanged', () => {
    const operations = new Set(real.map((s) => s.fields?.eventOperation));
    // The fixture has the facts that travel apart: references, invoices, reports, tables.
    for (const op of ['SALE', 'INVOICE', 'COPY', 'ORDER', 'REPORT_TURNOVER_Z', 'WORK_IN'])
      expect(operations).toContain(op);
    expect(real.some((s) => s.findings.length > 0 && s.fields === undefined)).toBe(true);
    expect(trip(real)).toEqual(real);
  });

  it('carries every optional part present or absent, and odd values exactly', () => {
    const base = real.find((s) => s.fields?.eventOperation === 'SALE' && s.facts?.vat) as EventSummary;
    const fields = base.fields as NonNullable<EventSummary['fields']>;
    const odd: EventSummary[] = [
      { index: 0, damaged: false, findings: [] },
      { index: 1, damaged: true, recordHash: 'ab', findings: [finding('BYTES_SKIPPED', { index: 1 }, 'x')] },
      { index: 2, offset: 0, linked: true, damaged: false, findings: [] },
      {
        ...base,
        index: Number.MAX_SAFE_INTEGER,
        timeMs: Number.NaN,
        digitalSignature: '',
        fields: {
          ...fields,
          fdmDateTime: '',
          posDateTime: 'é\u0000😀',
          terminalId: '',
          isTraining: true,
          totalCounter: Number.MAX_SAFE_INTEGER,
        },
        facts: { totalCents: -0.5, employeeId: '', costCenter: 'table 1' },
      },
      { ...base, facts: {} },
      { ...base, facts: { vat: [] } },
      { ...base, facts: undefined, digitalSignature: undefined, timeMs: undefined },
      { ...base, facts: { reportNo: 7, references: [] } },
    ];
    const back = trip([...odd, ...odd]);
    expect(back).toEqual([...odd, ...odd]);
    expect(Object.is(back[3]?.timeMs, Number.NaN)).toBe(true);
  });
});
