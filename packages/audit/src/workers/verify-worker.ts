import { createPublicKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { checkBatchEach } from '../event/check-batch.js';
import type { BatchInput } from '../event/check-batch.js';
import { SummaryPacker } from './summary-codec.js';

/** A worker thread of the batch checker: the per-record checks, signature verification above all. */
const data = workerData as { publicKeyDer: Uint8Array | undefined };
const publicKey = data.publicKeyDer
  ? createPublicKey({ key: Buffer.from(data.publicKeyDer), format: 'der', type: 'spki' })
  : undefined;

parentPort?.on('message', (message: { id: number; batch: BatchInput }) => {
  const packer = new SummaryPacker();
  checkBatchEach(message.batch, { publicKey }, (s) => packer.add(s));
  const packed = packer.finish();
  // The batch's bytes go back too, for the next read: nothing here refers to them any more.
  const spent = message.batch.kind === 'memory' ? (message.batch.bytes.buffer as ArrayBuffer) : undefined;
  const transfer = [packed.rows.buffer, packed.vat.buffer, packed.lengths.buffer] as ArrayBuffer[];
  parentPort?.postMessage({ id: message.id, packed, spent }, spent ? [...transfer, spent] : transfer);
});
