/**
 * `node --expose-gc packages/fdm/dist/bench/memory-open.bench.js [records] [--reuse FILE]`
 * (default 1,000,000 records; --reuse opens FILE if it exists, else writes it there and keeps
 * it, since writing takes longer than opening): how long an
 * FDM takes to start on a large memory. Writes a memory of small events (work-in/out, the
 * smallest fiscal events, so the per-record costs dominate) straight to a file, then times
 * EventMemory.open (verification) and FdmEngine.open (counters and duplicate index), and
 * reports the heap both keep. A benchmark script, never a test: figures depend on the machine.
 */
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SignResult } from '@gks/core';
import { ManualClock } from '../engine/clock.js';
import { FdmEngine } from '../engine/fdm-engine.js';
import { ListErrorLog } from '../e2e/scratch-engine.js';
import { fodIdentity, workInOut } from '../e2e/fod-requests.js';
import { EventMemory } from '../memory/event-memory.js';
import { encodeRecord, fileHeader, ZERO_HASH_BYTES } from '../memory/record-format.js';
import { canonicalJson } from '../signing/canonical-json.js';
import { signerFromPem, signEvent } from '../signing/event-signature.js';
import { vectorPrivateKeyPem } from '../signing/test-vector.js';
import { sha256Hex, type SignedEventFields } from '../signing/signed-event.js';

const reuseAt = process.argv.indexOf('--reuse');
const reuse = reuseAt < 0 ? undefined : process.argv[reuseAt + 1];
const records = Number(process.argv[2]?.startsWith('--') ? 1_000_000 : (process.argv[2] ?? 1_000_000));
// The README's public test key: a memory kept with --reuse must verify in a later run.
const signer = signerFromPem(vectorPrivateKeyPem);

/** Record i: a work-in or work-out (label S) of one of 40 employees, every 30 s from 2025-01-01. */
function eventAt(i: number, prevHash: string, last: boolean) {
  const request = workInOut(i + 1, String(10_000_000_000 + (i % 40)).padStart(11, '0'));
  const requestJson = canonicalJson(request);
  const fdmDateTime = new Date(Date.UTC(2025, 0, 1) + i * 30_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const fields: SignedEventFields = {
    fdmId: fodIdentity.fdmId,
    fdmDateTime,
    eventLabel: 'S',
    eventCounter: i + 1,
    totalCounter: i + 1,
    eventOperation: i % 2 === 0 ? 'WORK_IN' : 'WORK_OUT',
    isTraining: false,
    posId: request.posId,
    posFiscalTicketNo: request.posFiscalTicketNo,
    posDateTime: request.posDateTime,
    terminalId: request.terminalId,
    deviceId: request.deviceId,
    dataHash: sha256Hex(requestJson),
    prevHash,
  };
  // Signing a million events would take longer than opening them: only the last one, which
  // open verifies, carries a real signature; the others one of the right shape.
  const signature = last
    ? signEvent(signer, fields)
    : { digitalSignature: Buffer.alloc(64, i % 251).toString('base64'), shortSignature: '' };
  const result: SignResult = {
    posId: fields.posId,
    posFiscalTicketNo: fields.posFiscalTicketNo,
    posDateTime: fields.posDateTime,
    posSwVersion: request.posSwVersion,
    terminalId: fields.terminalId,
    deviceId: fields.deviceId,
    eventOperation: fields.eventOperation,
    fdmRef: {
      fdmId: fields.fdmId,
      fdmDateTime,
      eventLabel: 'S',
      eventCounter: fields.eventCounter,
      totalCounter: fields.totalCounter,
    },
    fdmSwVersion: '0.1.0',
    digitalSignature: signature.digitalSignature,
    shortSignature: '',
    verificationUrl: '',
    vatCalc: null,
    bufferCapacityUsed: 0,
    warnings: [],
    informations: null,
    footer: [],
  };
  const payload = `{"fields":${canonicalJson(fields)},"request":${requestJson},"result":${canonicalJson(result)}}`;
  return Buffer.from(payload, 'utf8');
}

async function writeMemory(file: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.write(fileHeader());
    let prev: Buffer = ZERO_HASH_BYTES;
    let batch: Buffer[] = [];
    for (let i = 0; i < records; i++) {
      const { bytes, hash } = encodeRecord(prev, eventAt(i, prev.toString('hex'), i === records - 1));
      prev = hash;
      batch.push(bytes);
      if (batch.length === 10_000 || i === records - 1) {
        await handle.write(Buffer.concat(batch));
        batch = [];
      }
    }
  } finally {
    await handle.close();
  }
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'gks-memory-open-'));
  try {
    const file = reuse ?? join(dir, 'memory.fdm');
    const written = performance.now();
    const exists = reuse !== undefined && (await stat(reuse).catch(() => undefined)) !== undefined;
    if (!exists) await writeMemory(file);
    const size = (await stat(file)).size;
    console.log(
      `memory of ${records.toLocaleString('en')} work-in/out records, ${mib(size)} MiB ` +
        `(${(size / records).toFixed(0)} bytes each), ` +
        (exists
          ? `reused from ${file}`
          : `written in ${((performance.now() - written) / 1000).toFixed(1)} s`),
    );
    globalThis.gc?.();
    // Typed arrays (the duplicate index) live outside the JS heap: count both.
    const held = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const heapBefore = held();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    // As startFdmServer does: the engine's state is rebuilt in the verification pass.
    const seed = FdmEngine.seedFor();
    const { memory, report } = await EventMemory.open(file, {
      capacityBytes: 8 * 1024 ** 3,
      publicKey: signer.publicKey,
      onRecord: seed.add,
    });
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    if (report.damage) throw new Error(`damage: ${JSON.stringify(report.damage)}`);
    const engine = await FdmEngine.open({
      seed,
      state: {
        config: {
          fdmId: fodIdentity.fdmId,
          vatNo: fodIdentity.vatNo,
          estNo: fodIdentity.estNo,
          allowedPosIds: [fodIdentity.posId],
          vatRates: [],
          verificationBaseUrl: 'https://verify.example/v',
          fdmSwVersion: '0.1.0',
        },
        signer,
      },
      memory,
      errorLog: new ListErrorLog(),
      clock: new ManualClock('2026-01-01T00:00:00Z'),
    });
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    globalThis.gc?.();
    const heapAfter = held();
    const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    // The machine is shared: CPU time (user + system) is the steadier figure.
    const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
    const rate = (ms: number) => `${((records / ms) * 1000).toFixed(0)} records/s`;
    console.log('                   wall       CPU');
    console.log(`EventMemory.open   ${sec(t1 - t0)}  ${sec(cpu(c0, c1))}  (${rate(t1 - t0)} wall)`);
    console.log(`FdmEngine.open     ${sec(t2 - t1)}  ${sec(cpu(c1, c2))}`);
    console.log(`start-up in total  ${sec(t2 - t0)}  ${sec(cpu(c0, c2))}  (${rate(t2 - t0)} wall)`);
    const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ').slice(0, 3).join(' ');
    console.log(`(machine load average: ${load})`);
    console.log(
      `heap and array buffers kept by memory + engine: ${mib(heapAfter - heapBefore)} MiB` +
        (globalThis.gc ? '' : ' (run node with --expose-gc for an exact figure)'),
    );
    if (engine.totalCounter !== records) throw new Error(`engine counted ${engine.totalCounter}`);
    await memory.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
