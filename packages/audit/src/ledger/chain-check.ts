import { finding, refText } from '../findings/finding.js';
import type { Finding, FindingRecord } from '../findings/finding.js';
import { ZERO_HASH_HEX } from '../formats/signed-bytes.js';
import type { EventSummary } from '../event/event-summary.js';
import { SequenceTracker } from './sequence-tracker.js';

export interface ChainCheckOptions {
  /** True for a memory file, which must start at the genesis hash and counter 1. */
  readonly wholeMemory: boolean;
  /** From the FDM certificate's subject; else the first event's fdmId is taken. */
  readonly fdmId?: string;
  /** When the FDM's certificates were valid: the current one and any it replaced (same key). */
  readonly certificateValidity?: readonly { readonly notBefore: number; readonly notAfter: number }[];
}

export function recordOf(s: EventSummary): FindingRecord {
  const f = s.fields;
  return {
    index: s.index,
    ...(s.offset !== undefined ? { offset: s.offset } : {}),
    ...(f
      ? {
          fdmRef: refText(f.eventLabel, f.eventCounter, f.totalCounter),
          totalCounter: f.totalCounter,
          ticket: { posId: f.posId, posFiscalTicketNo: f.posFiscalTicketNo },
        }
      : {}),
  };
}

/**
 * The record chain, the counters (in total and per label, gap-free and increasing), the FDM
 * clock (never decreasing), the fdmId, and the certificate's validity at each event.
 */
export class ChainCheck {
  private previous: EventSummary | undefined;
  private readonly total: SequenceTracker;
  private readonly perLabel = new Map<string, SequenceTracker>();
  private lastTimeMs = Number.NEGATIVE_INFINITY;
  private fdmId: string | undefined;
  private outsideValidity: { count: number; first: FindingRecord; firstTime: string } | undefined;
  private readonly totalGapAt = new Map<string, FindingRecord>();

  constructor(
    private readonly options: ChainCheckOptions,
    private readonly report: (f: Finding) => void,
  ) {
    this.total = new SequenceTracker(options.wholeMemory ? 0 : undefined);
    this.fdmId = options.fdmId;
  }

  /** `at` names the event for a finding (built on demand). */
  add(s: EventSummary, at: () => FindingRecord = () => recordOf(s)): void {
    this.checkLink(s, at);
    this.previous = s;
    const f = s.fields;
    if (!f) return;
    this.checkCounter(this.total, f.totalCounter, at, 'totalCounter', 'TOTAL');
    let label = this.perLabel.get(f.eventLabel);
    if (!label) {
      label = new SequenceTracker(this.options.wholeMemory ? 0 : undefined);
      this.perLabel.set(f.eventLabel, label);
    }
    this.checkCounter(label, f.eventCounter, at, `eventCounter of label ${f.eventLabel}`, 'EVENT');

    const t = s.timeMs ?? Number.NaN;
    if (Number.isNaN(t)) {
      this.report(finding('PAYLOAD_UNREADABLE', at(), `fdmDateTime "${f.fdmDateTime}" is not a date-time`));
    } else {
      if (t < this.lastTimeMs) {
        this.report(
          finding(
            'FDM_TIME_DECREASING',
            at(),
            `fdmDateTime ${f.fdmDateTime} is earlier than the previous event's ${new Date(this.lastTimeMs).toISOString()}`,
          ),
        );
      }
      this.lastTimeMs = Math.max(this.lastTimeMs, t);
      const validity = this.options.certificateValidity;
      if (validity && !validity.some((v) => t >= v.notBefore && t <= v.notAfter)) {
        if (this.outsideValidity) this.outsideValidity.count++;
        else this.outsideValidity = { count: 1, first: at(), firstTime: f.fdmDateTime };
      }
    }
    if (this.fdmId === undefined) this.fdmId = f.fdmId;
    else if (f.fdmId !== this.fdmId) {
      this.report(finding('FDM_ID_MISMATCH', at(), `fdmId ${f.fdmId} where ${this.fdmId} was expected`));
    }
  }

  finish(): void {
    for (const [from, to] of this.total.stillMissing()) {
      const at = this.totalGapAt.get(`TOTAL:${from}`) ?? {};
      this.report(
        finding(
          'TOTAL_COUNTER_GAP',
          { ...at, totalCounter: from },
          from === to
            ? `the event with totalCounter ${from} is missing`
            : `the ${to - from + 1} events with totalCounter ${from}..${to} are missing`,
        ),
      );
    }
    for (const [label, tracker] of this.perLabel) {
      for (const [from, to] of tracker.stillMissing()) {
        const at = this.totalGapAt.get(`EVENT:${label}:${from}`) ?? {};
        this.report(
          finding(
            'EVENT_COUNTER_GAP',
            at,
            from === to
              ? `the ${label} event with eventCounter ${from} is missing`
              : `the ${label} events with eventCounter ${from}..${to} are missing`,
          ),
        );
      }
    }
    if (this.outsideValidity) {
      const o = this.outsideValidity;
      this.report(
        finding(
          'CERTIFICATE_NOT_VALID_AT_EVENT',
          o.first,
          `${o.count} event(s) signed outside the certificate's validity, the first at ${o.firstTime}`,
        ),
      );
    }
  }

  get firstFdmId(): string | undefined {
    return this.fdmId;
  }

  private checkLink(s: EventSummary, at: () => FindingRecord): void {
    // The worker found the link intact inside the batch.
    if (s.linked) return;
    const prev = this.previous;
    const linked = s.headerPrevHash ?? s.fields?.prevHash;
    if (linked === undefined) return;
    if (!prev) {
      if (linked !== ZERO_HASH_HEX) {
        this.report(
          finding(
            'CHAIN_START_NOT_GENESIS',
            at(),
            `the first record's previous-record hash is ${linked}, not the genesis hash`,
            this.options.wholeMemory ? 'error' : 'warning',
          ),
        );
      }
      return;
    }
    // A damaged record's hash is not the original's: the next link says nothing new.
    if (prev.damaged || prev.recordHash === undefined) return;
    if (linked !== prev.recordHash) {
      this.report(
        finding(
          'CHAIN_BROKEN',
          at(),
          `the previous-record hash is ${linked}, but record ${prev.index} hashes to ${prev.recordHash}`,
        ),
      );
    }
  }

  private checkCounter(
    tracker: SequenceTracker,
    n: number,
    at: () => FindingRecord,
    what: string,
    kind: 'TOTAL' | 'EVENT',
  ): void {
    const before = tracker.last;
    const seen = tracker.see(n);
    if (seen.kind === 'gap') {
      const label = kind === 'EVENT' ? `${what.split(' ').pop() ?? ''}:` : '';
      this.totalGapAt.set(`${kind}:${label}${seen.from}`, at());
    } else if (seen.kind === 'late' || seen.kind === 'repeat') {
      this.report(
        finding(
          kind === 'TOTAL' ? 'TOTAL_COUNTER_NOT_INCREASING' : 'EVENT_COUNTER_NOT_INCREASING',
          at(),
          seen.kind === 'late'
            ? `${what} ${n} comes after ${before}: out of order`
            : `${what} ${n} repeats (highest so far ${before})`,
        ),
      );
    }
  }
}
