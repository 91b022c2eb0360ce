/**
 * The bridge's log: one JSON line per event, metadata only. The fields are a closed set so that no
 * call site can hand it a request or an answer: which FDM, which node, where from, why, how
 * long. The A-4 test scans everything this writes for markers from the traffic.
 */
export interface LogFields {
  readonly fdmId?: string;
  readonly node?: string;
  readonly remote?: string;
  /** One of our own refusal codes, or a system error code (ECONNRESET, CERT_HAS_EXPIRED). */
  readonly code?: string;
  readonly reason?: string;
  readonly ms?: number;
  readonly count?: number;
  readonly url?: string;
}

export interface BridgeLog {
  event(name: string, fields?: LogFields): void;
}

export function streamLog(
  stream: { write(text: string): unknown },
  now: () => Date = () => new Date(),
): BridgeLog {
  return {
    event(name, fields = {}) {
      stream.write(JSON.stringify({ at: now().toISOString(), event: name, ...fields }) + '\n');
    },
  };
}

export const silentLog: BridgeLog = { event: () => undefined };

export function teeLog(...logs: readonly BridgeLog[]): BridgeLog {
  return { event: (name, fields) => logs.forEach((log) => log.event(name, fields)) };
}
