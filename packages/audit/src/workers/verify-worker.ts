import { createPublicKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { checkBatch } from '../event/check-batch.js';
import type { BatchInput } from '../event/check-batch.js';
import { packSummaries } from './summary-codec.js';

/** A worker thread of the batch checker: the per-record checks, signature verification above all. */
const data = workerData as { publicKeyDer: Uint8Array | undefined };
const publicKey = data.publicKeyDer
  ? createPublicKey({ key: Buffer.from(data.publicKeyDer), format: 'der', type: 'spki' })
  : undefined;

parentPort?.on('message', (message: { id: number; batch: BatchInput }) => {
  const packed = packSummaries(checkBatch(message.batch, { publicKey }));
  const transfer = [packed.rows.buffer, packed.vat.buffer, packed.lengths.buffer] as ArrayBuffer[];
  parentPort?.postMessage({ id: message.id, packed }, transfer);
});
