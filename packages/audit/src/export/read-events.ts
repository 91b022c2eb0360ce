import { readDumpFile } from '../dump/read-dump-file.js';
import type { Finding } from '../findings/finding.js';
import { readMemoryFile } from '../memory-file/read-memory-file.js';
import { RECORD_HEADER_BYTES } from '../memory-file/memory-layout.js';
import type { FdmInput } from '../verify/verify.js';

/** An event as stored, for exports: no checks here (that is `gks verify`'s job). */
export interface ExportedEvent {
  readonly record: number;
  readonly fields: Record<string, unknown>;
  readonly request: Record<string, unknown>;
  readonly vatCalc: unknown;
  readonly digitalSignature: unknown;
  readonly shortSignature: unknown;
}

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Streams the events of a memory file or dump; unreadable records are passed to onFinding. */
export async function* readEvents(
  input: FdmInput,
  onFinding: (f: Finding) => void,
): AsyncGenerator<ExportedEvent> {
  if ('memoryFile' in input) {
    for await (const batch of readMemoryFile(input.memoryFile, { onFinding })) {
      for (let i = 0; i < batch.starts.length; i++) {
        const start = (batch.starts[i] as number) + RECORD_HEADER_BYTES;
        const end = i + 1 < batch.starts.length ? (batch.starts[i + 1] as number) : batch.bytes.length;
        let payload: Record<string, unknown>;
        try {
          payload = obj(JSON.parse(batch.bytes.subarray(start, end).toString('utf8')));
        } catch {
          continue;
        }
        const result = obj(payload['result']);
        yield {
          record: batch.firstIndex + i,
          fields: obj(payload['fields']),
          request: obj(payload['request']),
          vatCalc: result['vatCalc'],
          digitalSignature: result['digitalSignature'],
          shortSignature: result['shortSignature'],
        };
      }
    }
  } else {
    for await (const batch of readDumpFile(input.dumpFile, { onFinding })) {
      for (const line of batch.lines) {
        let o: Record<string, unknown>;
        try {
          o = obj(JSON.parse(line));
        } catch {
          continue;
        }
        const ref = obj(o['fdmRef']);
        yield {
          record: typeof o['record'] === 'number' ? o['record'] : -1,
          fields: {
            ...ref,
            eventOperation: o['eventOperation'],
            isTraining: o['isTraining'],
            posId: o['posId'],
            terminalId: o['terminalId'],
            deviceId: o['deviceId'],
            posFiscalTicketNo: o['posFiscalTicketNo'],
            posDateTime: o['posDateTime'],
          },
          request: obj(o['data']),
          vatCalc: o['vatCalc'],
          digitalSignature: o['digitalSignature'],
          shortSignature: o['shortSignature'],
        };
      }
    }
  }
}
