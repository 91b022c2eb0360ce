import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkBatchEach } from '../event/check-batch.js';
import type { BatchInput } from '../event/check-batch.js';
import { resolveEngine, signatureChecker } from '../signature/signature-check.js';
import type { SignatureChecker, SignatureEngine } from '../signature/signature-check.js';
import { SummaryPacker } from './summary-codec.js';
import type { PackedSummaries } from './summary-codec.js';

/** Runs the per-record checks of batches, in worker threads when it can. */
export interface BatchChecker {
  /**
   * Resolves with the batch's summaries, packed (`forEachSummary` reads them); batches may
   * finish out of order, callers keep order.
   */
  check(batch: BatchInput): Promise<PackedSummaries>;
  readonly threads: number;
  /** Which signature code runs: the native table-based verifier or node:crypto; none without a key. */
  readonly signatureEngine: 'native' | 'node' | 'none';
  close(): Promise<void>;
}

export interface BatchCheckerOptions {
  readonly publicKeyDer: Uint8Array | undefined;
  /** Default `auto`: native when it was built. */
  readonly signatureEngine?: SignatureEngine;
  /** Worker threads; 0 checks on the calling thread. Default: one per core. */
  readonly workers?: number;
  /** Receives each memory batch's buffer once checked, when nothing refers to it any more. */
  readonly onSpent?: (buffer: ArrayBuffer) => void;
}

/**
 * The compiled worker script. Under vitest this module runs from src/*.ts, where no .js exists;
 * the build in dist/ is used then if present, else the checks run on the calling thread.
 */
function workerScript(): URL | undefined {
  const here = new URL('./verify-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL(here.href.replace('/src/workers/', '/dist/workers/'));
  return existsSync(fileURLToPath(built)) ? built : undefined;
}

export function createBatchChecker(options: BatchCheckerOptions): BatchChecker {
  const wanted = options.workers ?? availableParallelism();
  const script = wanted > 0 ? workerScript() : undefined;
  if (!script) {
    const checker = options.publicKeyDer
      ? signatureChecker(options.publicKeyDer, options.signatureEngine)
      : undefined;
    return inThreadChecker(checker, options.onSpent);
  }
  // Resolved here, so that asking for a native check that is not built fails before any worker starts.
  const engine = options.publicKeyDer ? resolveEngine(options.signatureEngine) : undefined;
  const signatureEngine = engine ?? 'none';

  const workers = Array.from({ length: wanted }, () => {
    const worker = new Worker(script, {
      workerData: { publicKeyDer: options.publicKeyDer, signatureEngine: engine ?? 'node' },
    });
    return { worker, busy: 0 };
  });
  const waiting = new Map<number, { resolve: (s: PackedSummaries) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  for (const slot of workers) {
    slot.worker.on('message', (m: { id: number; packed: PackedSummaries; spent?: ArrayBuffer }) => {
      slot.busy--;
      if (m.spent) options.onSpent?.(m.spent);
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      w?.resolve(m.packed);
    });
    slot.worker.on('error', (e: Error) => {
      for (const w of waiting.values()) w.reject(e);
      waiting.clear();
    });
  }
  return {
    threads: wanted,
    signatureEngine,
    check(batch) {
      const slot = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      const id = nextId++;
      slot.busy++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        const transfer = batch.kind === 'memory' ? [batch.bytes.buffer as ArrayBuffer] : [];
        slot.worker.postMessage({ id, batch }, transfer);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

function inThreadChecker(
  checker: SignatureChecker | undefined,
  onSpent: ((buffer: ArrayBuffer) => void) | undefined,
): BatchChecker {
  const checkSignature = checker?.check;
  return {
    threads: 0,
    signatureEngine: checker?.engine ?? 'none',
    async check(batch) {
      // Let timers and progress output run between batches.
      await new Promise((resolve) => setImmediate(resolve));
      // Packed as between threads, so that tests on this thread cover the codec.
      const packer = new SummaryPacker();
      checkBatchEach(batch, { checkSignature }, (s) => packer.add(s));
      // Summaries hold copies, never views of the batch's bytes.
      if (batch.kind === 'memory') onSpent?.(batch.bytes.buffer as ArrayBuffer);
      return packer.finish();
    },
    async close() {},
  };
}
