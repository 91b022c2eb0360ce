import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCertificates } from '../certificate/check-certificates.js';
import type { Finding } from '../findings/finding.js';
import { Ledger } from '../ledger/ledger.js';
import { readMemoryFile } from '../memory-file/read-memory-file.js';
import type { FramingOptions } from '../memory-file/read-memory-file.js';
import { signatureChecker } from '../signature/signature-check.js';
import type { SignatureCheck } from '../signature/signature-check.js';
import { buildFixture, recordRanges } from '../testing/fixture.js';
import type { Fixture } from '../testing/fixture.js';
import { checkBatch } from './check-batch.js';
import type { MemoryBatchInput } from './check-batch.js';

let f: Fixture;
let dir: string;
let checkSignature: SignatureCheck;
let file: { bytes: Buffer; ranges: [number, number][] };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gks-audit-batch-'));
  f = await buildFixture(join(dir, 'fdm'));
  const trusted = checkCertificates(f.certificatePem, f.caCertificatePem, () => {});
  if (!trusted) throw new Error('fixture certificate not trusted');
  checkSignature = signatureChecker(trusted.publicKeyDer, 'native').check;
  file = await recordRanges(f.memoryFile);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A batch of the given records, each a 44-byte header and a payload. */
function batchOf(records: readonly Buffer[]): MemoryBatchInput {
  const starts: number[] = [];
  let at = 0;
  for (const r of records) {
    starts.push(at);
    at += r.length;
  }
  return {
    kind: 'memory',
    firstIndex: 0,
    offsets: starts.map((s) => s + 16),
    starts,
    bytes: Buffer.concat(records),
  };
}

const both = (batch: MemoryBatchInput) => ({
  split: checkBatch(batch, { checkSignature }),
  whole: checkBatch(batch, { checkSignature, wholePayloadParse: true }),
});

function recordAt(i: number): { header: Buffer; payload: string } {
  const [from, to] = file.ranges[i] as [number, number];
  return {
    header: file.bytes.subarray(from, from + 44),
    payload: file.bytes.subarray(from + 44, to).toString('utf8'),
  };
}

/** Edits of a stored payload that keep it JSON, break it, or move its members about. */
const payloadEdits: readonly [string, (p: string) => string][] = [
  ['unchanged', (p) => p],
  ['a space after the brace', (p) => `{ ${p.slice(1)}`],
  ['a space before a member', (p) => p.replace(',"request":', ', "request":')],
  ['a newline at the end', (p) => `${p}\n`],
  ['garbage after the object', (p) => `${p}x`],
  ['a second request member', (p) => `${p.slice(0, -1)},"request":{"posId":"X"}}`],
  ['a second result member', (p) => `${p.slice(0, -1)},"result":{}}`],
  [
    'members in another order',
    (p) => {
      const o = JSON.parse(p) as Record<string, unknown>;
      return JSON.stringify({ result: o['result'], fields: o['fields'], request: o['request'] });
    },
  ],
  [
    'a nested request key inside fields',
    (p) => p.replace('{"fields":{', '{"fields":{"a":{"b":1,"request":{}},'),
  ],
  [
    'a nested result key inside the request',
    (p) => p.replace('"language":"NL"', '"language":{"x":1,"result":2}'),
  ],
  ['member names inside a string', (p) => p.replace('"language":"NL"', '"language":"N\\",\\"result\\":{"')],
  [
    'a request that is a list',
    (p) => p.replace(/"request":\{/, '"request":[{').replace(',"result":', '],"result":'),
  ],
  ['a request that is a string', (p) => p.replace(/"request":\{.*\},"result":/, '"request":"x","result":')],
  ['no result', (p) => p.replace(/,"result":.*\}$/, '}')],
  ['fields missing', (p) => p.replace(/^\{"fields":\{[^}]*\},/, '{')],
  ['a changed amount in the request', (p) => p.replace('"quantity":', '"quantity":1')],
  ['a changed answer', (p) => p.replace('"posSwVersion":"', '"posSwVersion":"9')],
  ['a truncated payload', (p) => p.slice(0, p.length - 7)],
  ['an empty payload', () => ''],
  ['not JSON at all', () => 'fields request result'],
];

describe('checkBatch: the split reading of a payload agrees with parsing it whole', () => {
  it('on every record of a real memory, intact', () => {
    const records = file.ranges.map(([from, to]) => file.bytes.subarray(from, to));
    const { split, whole } = both(batchOf(records));
    expect(split).toEqual(whole);
    expect(split.flatMap((s) => s.findings)).toEqual([]);
    expect(split.every((s) => s.fields !== undefined && s.facts !== undefined)).toBe(true);
  });

  it('on payloads edited in every way that matters to the split', () => {
    const kinds = new Set<string>();
    for (let i = 0; i < file.ranges.length; i++) {
      const { header, payload } = recordAt(i);
      for (const [name, edit] of payloadEdits) {
        const edited = edit(payload);
        if (name !== 'unchanged' && edited === payload) continue;
        const record = Buffer.concat([header, Buffer.from(edited, 'utf8')]);
        const pair = both(batchOf([record]));
        expect(pair.split, `${name}, record ${i}`).toEqual(pair.whole);
        for (const s of pair.split) for (const x of s.findings) kinds.add(x.code);
      }
    }
    // The edits do reach the checks behind the split, not only the parser.
    expect([...kinds]).toEqual(
      expect.arrayContaining(['PAYLOAD_UNREADABLE', 'DATA_HASH_MISMATCH', 'RESULT_MISMATCH']),
    );
  });

  it('on payloads with random bytes changed', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        (which, changes) => {
          const [from, to] = file.ranges[which % file.ranges.length] as [number, number];
          const record = Buffer.from(file.bytes.subarray(from, to));
          for (const c of changes) record[44 + (c.at % (record.length - 44))] = c.byte;
          const { split, whole } = both(batchOf([record]));
          expect(split).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Frames, checks and orders a memory file as verifyAudit does, with the framing given. */
async function ledgerFindings(memoryFile: string, framing: Partial<FramingOptions>): Promise<Finding[]> {
  const found: Finding[] = [];
  const ledger = new Ledger({ wholeMemory: true, ticketScheme: 'pos' }, (x) => found.push(x));
  for await (const b of readMemoryFile(memoryFile, { ...framing, onFinding: (x) => found.push(x) })) {
    for (const s of checkBatch({ kind: 'memory', ...b }, { checkSignature })) ledger.add(s);
  }
  ledger.finish(false);
  return found;
}

describe('chain links compared inside a batch give the findings of comparing them one by one', () => {
  const tamperings: readonly [string, (b: Buffer, r: [number, number][]) => Buffer][] = [
    ['intact', (b) => b],
    [
      'a record deleted',
      (b, r) =>
        Buffer.concat([
          b.subarray(0, (r[3] as [number, number])[0]),
          b.subarray((r[3] as [number, number])[1]),
        ]),
    ],
    [
      'two records swapped',
      (b, r) => {
        const [a, c] = [r[4] as [number, number], r[5] as [number, number]];
        return Buffer.concat([
          b.subarray(0, a[0]),
          b.subarray(c[0], c[1]),
          b.subarray(a[0], a[1]),
          b.subarray(c[1]),
        ]);
      },
    ],
    [
      'a byte flipped in a payload',
      (b, r) => {
        const copy = Buffer.from(b);
        const at = (r[6] as [number, number])[0] + 100;
        copy[at] = (copy[at] as number) ^ 4;
        return copy;
      },
    ],
    [
      'a byte flipped in a header hash',
      (b, r) => {
        const copy = Buffer.from(b);
        const at = (r[7] as [number, number])[0] + 20;
        copy[at] = (copy[at] as number) ^ 1;
        return copy;
      },
    ],
    [
      'a length field damaged',
      (b, r) => {
        const copy = Buffer.from(b);
        const at = (r[2] as [number, number])[0] + 1;
        copy[at] = (copy[at] as number) ^ 8;
        return copy;
      },
    ],
    ['the tail cut', (b) => b.subarray(0, b.length - 50)],
  ];

  it('for batches of one record, of a few, and of chunks that split records', async () => {
    for (const [name, tamper] of tamperings) {
      const path = join(dir, `${name.replace(/ /g, '-')}.fdm`);
      await writeFile(path, tamper(file.bytes, file.ranges));
      const oneByOne = await ledgerFindings(path, { recordsPerBatch: 1 });
      if (name === 'intact') expect(oneByOne).toEqual([]);
      else expect(oneByOne.length, name).toBeGreaterThan(0);
      for (const framing of [{}, { recordsPerBatch: 3 }, { chunkBytes: 1000 }, { chunkBytes: 7777 }]) {
        expect(await ledgerFindings(path, framing), `${name}, ${JSON.stringify(framing)}`).toEqual(oneByOne);
      }
    }
  });
});

describe('readMemoryFile', () => {
  it('hands out every record once, in order, whatever the chunk size', async () => {
    const expected = file.ranges.map(([from, to]) => file.bytes.subarray(from, to).toString('hex'));
    for (const chunkBytes of [1, 100, 2500, 4096, 1 << 20]) {
      const seen: string[] = [];
      const buffers = new Set<ArrayBufferLike>();
      let batches = 0;
      let index = 0;
      for await (const b of readMemoryFile(f.memoryFile, { chunkBytes, onFinding: () => expect.fail() })) {
        expect(b.firstIndex).toBe(index);
        b.starts.forEach((start, i) => {
          const end = i + 1 < b.starts.length ? (b.starts[i + 1] as number) : b.bytes.length;
          expect(b.offsets[i]).toBe((file.ranges[index + i] as [number, number])[0]);
          seen.push(b.bytes.subarray(start, end).toString('hex'));
        });
        buffers.add(b.bytes.buffer);
        batches++;
        index += b.starts.length;
      }
      expect(seen, `chunks of ${chunkBytes} bytes`).toEqual(expected);
      // No two batches share memory: a worker may take a batch's whole buffer.
      expect(buffers.size).toBe(batches);
    }
  });
});
