import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { EventMemory } from './event-memory.js';
import type { MemoryOpenOptions } from './event-memory.js';
import { crc32c } from './crc32c.js';
import { encodeRecord, fileHeader, FILE_HEADER_BYTES, RECORD_HEADER_BYTES } from './record-format.js';
import { nextEvent, testSigner } from './test-chain.js';
import type { StoredEvent } from './stored-event.js';
import { bytesPerTypicalSale, typicalSaleEvent } from './typical-sale.js';
import { canonicalJson } from '../signing/canonical-json.js';
import { ZERO_HASH } from '../signing/signed-event.js';

const signer = testSigner();
const options: MemoryOpenOptions = { capacityBytes: 10_000_000, publicKey: signer.publicKey };

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'memory-'));
  file = join(dir, 'memory.fdm');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function memoryWith(records: number): Promise<EventMemory> {
  const { memory } = await EventMemory.open(file, options);
  const acks: Promise<unknown>[] = [];
  for (let i = 0; i < records; i++) {
    acks.push(memory.append(nextEvent(memory, signer, { label: i % 3 === 2 ? 'T' : 'N' })));
  }
  await Promise.all(acks);
  return memory;
}

/** Byte offsets of each record in a closed memory file, found by walking the length fields. */
async function recordOffsets(): Promise<{ bytes: Buffer; offsets: number[] }> {
  const bytes = await readFile(file);
  const offsets: number[] = [];
  for (let at = FILE_HEADER_BYTES; at < bytes.length; at += RECORD_HEADER_BYTES + bytes.readUInt32BE(at)) {
    offsets.push(at);
  }
  return { bytes, offsets };
}

async function collect(memory: EventMemory, from?: number) {
  const out: { index: number; hash: string; event: StoredEvent }[] = [];
  for await (const r of memory.read(from)) out.push(r);
  return out;
}

describe('EventMemory: appending and reopening', () => {
  it('starts empty with the genesis hash and a header-only file', async () => {
    const { memory, report } = await EventMemory.open(file, options);
    expect(report).toEqual({ records: 0, discardedTornBytes: 0 });
    expect([memory.count, memory.lastHash, memory.lastEvent, memory.sizeBytes]).toEqual([
      0,
      ZERO_HASH,
      undefined,
      FILE_HEADER_BYTES,
    ]);
    expect(memory.capacityBytes).toBe(10_000_000);
    await memory.close();
    expect((await stat(file)).size).toBe(FILE_HEADER_BYTES);
  });

  it('keeps counters, lastHash and the last event after close and reopen', async () => {
    const memory = await memoryWith(7);
    const before = { count: memory.count, lastHash: memory.lastHash, size: memory.sizeBytes };
    const last = memory.lastEvent;
    await memory.close();
    const { memory: again, report } = await EventMemory.open(file, options);
    expect(report).toEqual({ records: 7, discardedTornBytes: 0 });
    expect({ count: again.count, lastHash: again.lastHash, size: again.sizeBytes }).toEqual(before);
    expect(again.lastEvent).toEqual(last);
    expect(again.lastEventCounter('N')).toBe(5);
    expect(again.lastEventCounter('T')).toBe(2);
    expect(again.lastEventCounter('P')).toBe(0);
    // and the chain goes on from there
    await again.append(nextEvent(again, signer));
    expect(again.count).toBe(8);
    await again.close();
    expect((await stat(file)).size).toBe(again.sizeBytes);
  });

  it('reads back every record with the hash append returned, in chain order', async () => {
    const { memory } = await EventMemory.open(file, options);
    const appended: { index: number; hash: string; event: StoredEvent }[] = [];
    for (let i = 0; i < 5; i++) {
      const event = nextEvent(memory, signer);
      appended.push({ ...(await memory.append(event)), event });
    }
    const read = await collect(memory);
    expect(read.map((r) => [r.index, r.hash])).toEqual(appended.map((r) => [r.index, r.hash]));
    expect(read.map((r) => canonicalJson(r.event))).toEqual(appended.map((r) => canonicalJson(r.event)));
    expect(read[1]?.event.fields.prevHash).toBe(read[0]?.hash);
    await memory.close();
  });

  it('group-commits 200 concurrent appends: chain order = call order, all durable', async () => {
    const { memory } = await EventMemory.open(file, options);
    const events: StoredEvent[] = [];
    const acks: Promise<{ index: number; hash: string }>[] = [];
    for (let i = 0; i < 200; i++) {
      const event = nextEvent(memory, signer, { label: i % 2 ? 'N' : 'P' });
      events.push(event);
      acks.push(memory.append(event)); // no await: all in flight together
    }
    const done = await Promise.all(acks);
    expect(done.map((d) => d.index)).toEqual(events.map((_, i) => i));
    expect(done.at(-1)?.hash).toBe(memory.lastHash);
    // Durable means the file already holds them all, before close: a fresh open sees the same chain.
    const { memory: other, report } = await EventMemory.open(file, { ...options, verifySignatures: 'all' });
    expect(report).toEqual({ records: 200, discardedTornBytes: 0 });
    expect(other.lastHash).toBe(memory.lastHash);
    const read = await collect(other);
    expect(read.map((r) => r.event.fields.totalCounter)).toEqual(events.map((e) => e.fields.totalCounter));
    await other.close();
    await memory.close();
  });

  it('reads from any index, across checkpoints, while appends continue', async () => {
    const memory = await memoryWith(2100);
    expect((await collect(memory, 1500)).map((r) => r.index)).toEqual(
      Array.from({ length: 600 }, (_, i) => 1500 + i),
    );
    expect(await collect(memory, 2100)).toEqual([]);
    expect((await collect(memory, 1023))[0]?.event.fields.totalCounter).toBe(1024);
    const reading = collect(memory, 2000);
    const more = Array.from({ length: 50 }, () => memory.append(nextEvent(memory, signer)));
    const [snapshot] = await Promise.all([reading, ...more]);
    expect(snapshot).toHaveLength(100); // what was durable when read() began
    expect(memory.count).toBe(2150);
    await memory.close();
  });

  it.each<[string, (e: StoredEvent) => StoredEvent]>([
    ['a wrong prevHash', (e) => ({ ...e, fields: { ...e.fields, prevHash: 'f'.repeat(64) } })],
    [
      'a skipped totalCounter',
      (e) => ({ ...e, fields: { ...e.fields, totalCounter: e.fields.totalCounter + 1 } }),
    ],
    [
      'a repeated eventCounter',
      (e) => ({ ...e, fields: { ...e.fields, eventCounter: e.fields.eventCounter - 1 } }),
    ],
    [
      'an fdmRef unlike the fields',
      (e) => ({ ...e, result: { ...e.result, fdmRef: { ...e.result.fdmRef, eventCounter: 99 } } }),
    ],
    ['a request that is not the hashed data', (e) => ({ ...e, request: { other: true } })],
  ])('throws (a caller bug) on %s and stays unchanged', async (_name, spoil) => {
    const memory = await memoryWith(2);
    const before = [memory.count, memory.lastHash, memory.sizeBytes];
    expect(() => memory.append(spoil(nextEvent(memory, signer)))).toThrow(/does not continue/);
    expect([memory.count, memory.lastHash, memory.sizeBytes]).toEqual(before);
    await memory.append(nextEvent(memory, signer));
    await memory.close();
  });

  it('gives the signed fields read() gives, from any index, with appends going on', async () => {
    const memory = await memoryWith(1100);
    const fields = [];
    for await (const r of memory.signedFields(1000)) fields.push(r);
    const read = await collect(memory, 1000);
    expect(fields).toEqual(read.map((r) => ({ index: r.index, fields: r.event.fields })));
    const during = [];
    const more = memory.append(nextEvent(memory, signer));
    for await (const r of memory.signedFields(1099)) during.push(r.index);
    await more;
    expect(during).toEqual([1099]);
    await memory.close();
  });

  it('refuses appends after close and bad capacities', async () => {
    const memory = await memoryWith(1);
    await memory.close();
    expect(() => memory.append(nextEvent(memory, signer))).toThrow(/closed/);
    await expect(EventMemory.open(file, { capacityBytes: 0 })).rejects.toThrow(RangeError);
    await expect(EventMemory.open(file, { capacityBytes: 1.5 })).rejects.toThrow(RangeError);
  });

  it('lets one writer at a time append; a second one fails before writing and says who holds it', async () => {
    const first = await memoryWith(1);
    const { memory: second } = await EventMemory.open(file, options);
    await expect(second.append(nextEvent(second, signer))).rejects.toThrow(
      new RegExp(`being written by process ${process.pid}`),
    );
    expect(second.damage?.reason).toMatch(/write failed/);
    await first.append(nextEvent(first, signer));
    await second.close();
    await first.close();
    await expect(stat(`${file}.lock`)).rejects.toThrow(/ENOENT/);
    const { memory: third, report } = await EventMemory.open(file, options);
    expect(report.records).toBe(2);
    await third.append(nextEvent(third, signer));
    await third.close();
  });

  it('takes over the lock of a writer that died (kill -9)', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(`${file}.lock`, `${dead}\n`);
    const memory = await memoryWith(2);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await memory.close();
  });

  it('create refuses to overwrite an existing memory', async () => {
    const memory = await memoryWith(1);
    await memory.close();
    await expect(EventMemory.create(file)).rejects.toThrow(/EEXIST/);
  });
});

describe('EventMemory: tamper evidence on open', () => {
  async function fiveRecordsThen(edit: (bytes: Buffer, offsets: number[]) => Buffer) {
    const memory = await memoryWith(5);
    await memory.close();
    const { bytes, offsets } = await recordOffsets();
    await writeFile(file, edit(Buffer.from(bytes), offsets));
    return EventMemory.open(file, options);
  }
  const flip = (bytes: Buffer, at: number) => {
    bytes[at] = (bytes[at] as number) ^ 0x01;
    return bytes;
  };

  it.each([
    ['length field', 3, /length field is corrupt/],
    ['length check', 5, /length field is corrupt/],
    ['CRC', 9, /checksum mismatch/],
    ['prevHash', 20, /checksum mismatch/],
    ['payload (first byte)', 44, /checksum mismatch/],
    ['payload (middle)', 200, /checksum mismatch/],
  ])('names record 2 when one byte of its %s flips', async (_region, at, reason) => {
    const { memory, report } = await fiveRecordsThen((b, o) => flip(b, (o[2] as number) + at));
    expect(report.damage).toMatchObject({ recordIndex: 2, reason: expect.stringMatching(reason) });
    expect(report.records).toBe(2);
    expect(memory.damage).toEqual(report.damage);
    expect(() => memory.append(nextEvent(memory, signer))).toThrow(/damaged at record 2/);
    // what precedes the damage stays readable (for dumps)
    expect((await collect(memory)).map((r) => r.index)).toEqual([0, 1]);
    await memory.close();
  });

  it('notices a flip in the last record, and in the file header', async () => {
    const last = await fiveRecordsThen((b) => flip(b, b.length - 2));
    expect(last.report.damage?.recordIndex).toBe(4);
    await last.memory.close();
    await rm(file);
    const head = await fiveRecordsThen((b) => flip(b, 3));
    expect(head.report.damage).toMatchObject({ recordIndex: -1, reason: expect.stringMatching(/magic/) });
    await head.memory.close();
  });

  it('names the next record when a payload is rewritten with a recomputed CRC', async () => {
    const { report, memory } = await fiveRecordsThen((b, o) => {
      const at = o[1] as number;
      const end = o[2] as number;
      const text = b
        .subarray(at + 44, end)
        .toString('utf8')
        .replace('"transactionTotal":12.5', '"transactionTotal":10.5');
      const prev = b.subarray(at + 12, at + 44);
      const forged = encodeRecord(Buffer.from(prev), Buffer.from(text)).bytes;
      return Buffer.concat([b.subarray(0, at), forged, b.subarray(end)]);
    });
    // record 1's own checks pass except its dataHash; either way the damage is named precisely
    expect(report.damage?.recordIndex).toBe(1);
    expect(report.damage?.reason).toMatch(/dataHash/);
    await memory.close();
  });

  it('catches a forged last record through its signature (the chain alone cannot)', async () => {
    const memory = await memoryWith(4);
    const forged = nextEvent(memory, testSigner()); // valid chain, foreign key
    await memory.append(forged);
    await memory.close();
    const { report, memory: again } = await EventMemory.open(file, options);
    expect(report.damage).toMatchObject({ recordIndex: 4, reason: expect.stringMatching(/signature/) });
    await again.close();
    const unkeyed = await EventMemory.open(file, { capacityBytes: 1e6 });
    expect(unkeyed.report.damage).toBeUndefined();
    await unkeyed.memory.close();
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const all = await EventMemory.open(file, { ...options, publicKey: otherKey, verifySignatures: 'all' });
    expect(all.report.damage?.recordIndex).toBe(0);
    await all.memory.close();
  });

  it('names the record after a deleted middle record', async () => {
    const { report, memory } = await fiveRecordsThen((b, o) =>
      Buffer.concat([b.subarray(0, o[2] as number), b.subarray(o[3] as number)]),
    );
    expect(report.damage).toMatchObject({ recordIndex: 2, reason: expect.stringMatching(/hash chain/) });
    await memory.close();
  });

  it('names the first of two swapped records', async () => {
    const { report, memory } = await fiveRecordsThen((b, o) => {
      const [r1, r2, r3] = [o[1], o[2], o[3]] as [number, number, number];
      return Buffer.concat([b.subarray(0, r1), b.subarray(r2, r3), b.subarray(r1, r2), b.subarray(r3)]);
    });
    expect(report.damage).toMatchObject({ recordIndex: 1, reason: expect.stringMatching(/hash chain/) });
    await memory.close();
  });

  it('names a record whose payload is valid JSON but not canonical (CRC recomputed)', async () => {
    const { report, memory } = await fiveRecordsThen((b, o) => {
      const at = o[4] as number;
      const text = b.subarray(at + 44).toString('utf8');
      const forged = encodeRecord(Buffer.from(b.subarray(at + 12, at + 44)), Buffer.from(' ' + text)).bytes;
      return Buffer.concat([b.subarray(0, at), forged]);
    });
    expect(report.damage).toMatchObject({ recordIndex: 4, reason: expect.stringMatching(/canonical/) });
    await memory.close();
  });

  /** A file of `count` records, chained and signed as the engine would, with `spoil` applied first. */
  async function writtenChain(count: number, spoil: (index: number, e: StoredEvent) => StoredEvent) {
    const counters = new Map<string, number>();
    const head = { count: 0, lastHash: ZERO_HASH, lastEventCounter: (l: string) => counters.get(l) ?? 0 };
    let prev: Buffer = Buffer.alloc(32);
    const parts = [fileHeader()];
    for (let i = 0; i < count; i++) {
      const event = spoil(i, nextEvent(head, signer));
      const { bytes, hash } = encodeRecord(prev, Buffer.from(canonicalJson(event)));
      parts.push(bytes);
      prev = hash;
      head.count++;
      head.lastHash = hash.toString('hex');
      counters.set(event.fields.eventLabel, event.fields.eventCounter);
    }
    await writeFile(file, Buffer.concat(parts));
  }

  it.each<[string, (b: Buffer, o: number[]) => Buffer, number[]]>([
    ['an intact memory', (b) => b, [0, 1, 2, 3, 4]],
    [
      'a flip in the middle of record 2 (found at the link after it)',
      (b, o) => flip(b, (o[2] as number) + 200),
      [0, 1],
    ],
    ['a flip in the last record', (b) => flip(b, b.length - 2), [0, 1, 2, 3]],
    ['a record torn at the end', (b) => b.subarray(0, b.length - 7), [0, 1, 2, 3]],
  ])('tells onRecord of exactly the records it counts: %s', async (_, edit, expected) => {
    const seen: { index: number; total: number }[] = [];
    const memory = await memoryWith(5);
    await memory.close();
    const { bytes, offsets } = await recordOffsets();
    await writeFile(file, edit(Buffer.from(bytes), offsets));
    const opened = await EventMemory.open(file, {
      ...options,
      onRecord: (index, fields) => seen.push({ index, total: fields.totalCounter }),
    });
    expect(seen).toEqual(expected.map((index) => ({ index, total: index + 1 })));
    expect(opened.report.records).toBe(expected.length);
    await opened.memory.close();
  });

  it('opens past a middle record only a key holder could write; verify-all names it', async () => {
    // The answer's fdmRef disagrees with the signed fields, and the chain and last signature are right:
    // the kind of inconsistency a bug in our own signing code would write, not an outside edit.
    await writtenChain(5, (i, e) =>
      i === 2 ? { ...e, result: { ...e.result, fdmRef: { ...e.result.fdmRef, eventCounter: 99 } } } : e,
    );
    const fast = await EventMemory.open(file, options);
    expect(fast.report).toMatchObject({ records: 5 });
    expect(fast.report.damage).toBeUndefined();
    await fast.memory.close();
    const all = await EventMemory.open(file, { ...options, verifySignatures: 'all' });
    expect(all.report.damage).toMatchObject({ recordIndex: 2, reason: expect.stringMatching(/fdmRef/) });
    await all.memory.close();
  });

  it('checks the newest record in full: content, canonical form, then the signature', async () => {
    await writtenChain(3, (i, e) => (i === 2 ? { ...e, request: { other: true } } : e));
    const { report, memory } = await EventMemory.open(file, options);
    expect(report).toMatchObject({
      records: 2,
      damage: { recordIndex: 2, reason: expect.stringMatching(/dataHash/) },
    });
    expect(memory.lastEvent?.fields.totalCounter).toBe(2);
    expect(memory.lastEventCounter('N')).toBe(2);
    await memory.close();
  });

  it('names a record whose signed fields do not come first (CRC recomputed)', async () => {
    const { report, memory } = await fiveRecordsThen((b, o) => {
      const at = o[1] as number;
      const end = o[2] as number;
      const event = JSON.parse(b.subarray(at + 44, end).toString('utf8')) as StoredEvent;
      const reordered = JSON.stringify({
        request: event.request,
        fields: event.fields,
        result: event.result,
      });
      const forged = encodeRecord(Buffer.from(b.subarray(at + 12, at + 44)), Buffer.from(reordered)).bytes;
      return Buffer.concat([b.subarray(0, at), forged, b.subarray(end)]);
    });
    expect(report.damage).toMatchObject({ recordIndex: 1, reason: expect.stringMatching(/canonical/) });
    expect(report.records).toBe(1);
    await memory.close();
  });

  it('cuts off a torn last write at any point, without calling it damage, and goes on', async () => {
    const memory = await memoryWith(3);
    await memory.close();
    const { bytes, offsets } = await recordOffsets();
    const lastStart = offsets[2] as number;
    for (const keep of [1, 7, 8, 43, 44, 100, bytes.length - lastStart - 1]) {
      await writeFile(file, bytes.subarray(0, lastStart + keep));
      const { memory: m, report } = await EventMemory.open(file, options);
      expect(report).toEqual({ records: 2, discardedTornBytes: keep });
      expect(m.sizeBytes).toBe(lastStart);
      await m.append(nextEvent(m, signer));
      expect(m.count).toBe(3);
      await m.close();
      expect((await stat(file)).size).toBe(m.sizeBytes);
      expect((await EventMemory.open(file, options)).report).toEqual({ records: 3, discardedTornBytes: 0 });
    }
  });

  it('leaves a torn tail alone in a memory that only reads (a dump beside the live FDM)', async () => {
    const memory = await memoryWith(3);
    await memory.close();
    const { bytes, offsets } = await recordOffsets();
    const partial = bytes.subarray(0, (offsets[2] as number) + 30);
    await writeFile(file, partial);
    const reader = await EventMemory.open(file, options);
    expect(reader.report.discardedTornBytes).toBe(30);
    expect((await collect(reader.memory)).map((r) => r.index)).toEqual([0, 1]);
    await reader.memory.close();
    expect(await readFile(file)).toEqual(partial);
  });

  it('treats a torn write spanning several group-committed records as one torn tail', async () => {
    const memory = await memoryWith(5);
    await memory.close();
    const { bytes, offsets } = await recordOffsets();
    await writeFile(file, bytes.subarray(0, (offsets[3] as number) + 50));
    const { report, memory: m } = await EventMemory.open(file, options);
    expect(report).toEqual({ records: 3, discardedTornBytes: 50 });
    await m.close();
  });

  it('finishes a header torn at creation, and calls any other short file damage', async () => {
    const header = (await (await EventMemory.open(file, options)).memory.close(), await readFile(file));
    await writeFile(file, header.subarray(0, 5));
    const torn = await EventMemory.open(file, options);
    expect(torn.report).toEqual({ records: 0, discardedTornBytes: 5 });
    await torn.memory.close();
    expect(await readFile(file)).toEqual(header);
    await writeFile(file, Buffer.from('GKSXX'));
    const bad = await EventMemory.open(file, options);
    expect(bad.report.damage?.recordIndex).toBe(-1);
    await bad.memory.close();
    expect(await readFile(file, 'utf8')).toBe('GKSXX'); // damage is never "repaired"
  });

  it('refuses a length field whose check is right but value absurd', async () => {
    const { report, memory } = await fiveRecordsThen((b, o) => {
      const at = o[4] as number;
      b.writeUInt32BE(0x7fffffff, at);
      b.writeUInt32BE(crc32c(b.subarray(at, at + 4)), at + 4);
      return b;
    });
    expect(report.damage).toMatchObject({ recordIndex: 4, reason: expect.stringMatching(/maximum/) });
    await memory.close();
  });
});

describe('bytesPerTypicalSale (C-70)', () => {
  it('is the record size of a realistic 3-line sale', () => {
    const event = typicalSaleEvent();
    const size = encodeRecord(Buffer.alloc(32), Buffer.from(canonicalJson(event))).bytes.length;
    expect(bytesPerTypicalSale()).toBe(size);
    expect(size).toBeGreaterThan(1500);
    expect(size).toBeLessThan(4000);
  });
});
