import { parentPort, workerData } from 'node:worker_threads';
import { checkBatchEach } from '../event/check-batch.js';
import type { BatchInput } from '../event/check-batch.js';
import { signatureChecker } from '../signature/signature-check.js';
import type { SignatureEngine } from '../signature/signature-check.js';
import { SummaryPacker } from './summary-codec.js';

/** A worker thread of the batch checker: the per-record checks, signature verification above all. */
const data = workerData as { publicKeyDer: Uint8Array | undefined; signatureEngine: SignatureEngine };
const checkSignature = data.publicKeyDer
  ? signatureChecker(data.publicKeyDer, data.signatureEngine).check
  : undefined;

parentPort?.on('message', (message: { id: number; batch: BatchInput }) => {
  const packer = new SummaryPacker();
  checkBatchEach(message.batch, { checkSignature }, (s) => packer.add(s));
  const packed = packer.finish();
  // The batch's bytes go back too, for the next read: nothing here refers to them any more.
  const spent = message.batch.kind === 'memory' ? (message.batch.bytes.buffer as ArrayBuffer) : undefined;
  const transfer = [packed.rows.buffer, packed.vat.buffer, packed.lengths.buffer] as ArrayBuffer[];
  parentPort?.postMessage({ id: message.id, packed, spent }, spent ? [...transfer, spent] : transfer);
});
