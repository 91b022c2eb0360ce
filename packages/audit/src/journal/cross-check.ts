import { finding, refText } from '../findings/finding.js';
import type { Finding, FindingRecord } from '../findings/finding.js';
import type { SignedFields } from '../formats/signed-bytes.js';
import type { JournalEvent } from './journal-event.js';

interface FdmSide {
  readonly ref: string;
  readonly fdmId: string;
  readonly fdmDateTime: string;
  readonly eventLabel: string;
  readonly eventCounter: number;
  readonly totalCounter: number;
  readonly dataHash: string;
  readonly signature: string;
  readonly posId: string;
  readonly at: FindingRecord;
}

/** The FDM's duplicate key: what identifies one event on both sides. */
const keyOf = (posId: string, posDateTime: string, terminalId: string, label: string, ticketNo: number) =>
  JSON.stringify([posId, posDateTime, terminalId, label, ticketNo]);

/**
 * Pairs FDM events with journal events as both streams go by. Only the not-yet-paired ones are
 * kept; the two inputs run in nearly the same order, so that is a small window, plus the
 * discrepancies themselves.
 */
export class JournalMatcher {
  private readonly fdmOnly = new Map<string, FdmSide>();
  private readonly journalOnly = new Map<string, JournalEvent>();
  private readonly journalPosIds = new Set<string>();
  private fdmFirst: number | undefined;
  private fdmLast: number | undefined;
  journalEvents = 0;

  constructor(private readonly report: (f: Finding) => void) {}

  addFdm(f: SignedFields, signature: string, at: FindingRecord): void {
    this.fdmFirst = Math.min(this.fdmFirst ?? f.totalCounter, f.totalCounter);
    this.fdmLast = Math.max(this.fdmLast ?? f.totalCounter, f.totalCounter);
    const key = keyOf(f.posId, f.posDateTime, f.terminalId, f.eventLabel, f.posFiscalTicketNo);
    const side: FdmSide = {
      ref: refText(f.eventLabel, f.eventCounter, f.totalCounter),
      fdmId: f.fdmId,
      fdmDateTime: f.fdmDateTime,
      eventLabel: f.eventLabel,
      eventCounter: f.eventCounter,
      totalCounter: f.totalCounter,
      dataHash: f.dataHash,
      signature,
      posId: f.posId,
      at,
    };
    const j = this.journalOnly.get(key);
    if (j) {
      this.journalOnly.delete(key);
      this.compare(side, j);
    } else this.fdmOnly.set(key, side);
  }

  addJournal(e: JournalEvent): void {
    this.journalEvents++;
    this.journalPosIds.add(e.posId);
    const key = keyOf(e.posId, e.posDateTime ?? '', e.terminalId ?? '', e.eventLabel, e.posFiscalTicketNo);
    const f = this.fdmOnly.get(key);
    if (f) {
      this.fdmOnly.delete(key);
      this.compare(f, e);
    } else this.journalOnly.set(key, e);
  }

  private compare(f: FdmSide, e: JournalEvent): void {
    const at: FindingRecord = { ...f.at, journalSeq: e.journalSeq };
    if (e.outcome === 'refused') {
      this.report(
        finding('JOURNAL_REFUSED_BUT_SIGNED', at, `the journal records a refusal, the FDM signed ${f.ref}`),
      );
      return;
    }
    if (e.outcome === 'pending') {
      this.report(
        finding('JOURNAL_RESULT_MISSING', at, `the FDM signed ${f.ref}; the journal has no answer for it`),
      );
    }
    if (e.requestHash !== f.dataHash) {
      this.report(
        finding(
          'JOURNAL_REQUEST_MISMATCH',
          at,
          `the journaled request hashes to ${e.requestHash ?? '(unreadable)'}, the FDM signed dataHash ${f.dataHash}`,
        ),
      );
    }
    if (e.outcome !== 'signed') return;
    const r = e.fdmRef;
    const differs: string[] = [];
    if (!r) differs.push('fdmRef missing');
    else {
      if (r.fdmId !== f.fdmId) differs.push(`fdmId ${r.fdmId}`);
      if (r.fdmDateTime !== f.fdmDateTime) differs.push(`fdmDateTime ${r.fdmDateTime}`);
      if (
        r.eventLabel !== f.eventLabel ||
        r.eventCounter !== f.eventCounter ||
        r.totalCounter !== f.totalCounter
      ) {
        differs.push(`reference ${refText(r.eventLabel, r.eventCounter, r.totalCounter)}`);
      }
    }
    if (e.digitalSignature !== f.signature) differs.push('digitalSignature');
    if (differs.length > 0) {
      this.report(
        finding(
          'JOURNAL_FDM_REF_MISMATCH',
          at,
          `the journaled answer differs from FDM event ${f.ref}: ${differs.join(', ')}`,
        ),
      );
    }
  }

  /** `wholeMemory`: the FDM input is the full memory, so every signed journal event must be in it. */
  finish(wholeMemory: boolean): void {
    for (const e of this.journalOnly.values()) {
      const at: FindingRecord = {
        journalSeq: e.journalSeq,
        ticket: { posId: e.posId, posFiscalTicketNo: e.posFiscalTicketNo },
      };
      if (e.outcome === 'pending') {
        this.report(
          finding(
            'JOURNAL_EVENT_PENDING',
            at,
            `ticket ${e.posFiscalTicketNo} (${e.eventOperation}) has no answer`,
          ),
        );
      } else if (e.outcome === 'signed') {
        const n = e.fdmRef?.totalCounter;
        const inRange =
          wholeMemory ||
          n === undefined ||
          (this.fdmFirst !== undefined && n >= this.fdmFirst && n <= (this.fdmLast ?? n));
        if (!inRange) continue;
        const claimed = e.fdmRef
          ? refText(e.fdmRef.eventLabel, e.fdmRef.eventCounter, e.fdmRef.totalCounter)
          : 'no fdmRef';
        this.report(
          finding(
            'JOURNAL_EVENT_NOT_IN_FDM',
            { ...at, ...(e.fdmRef ? { fdmRef: claimed, totalCounter: e.fdmRef.totalCounter } : {}) },
            `ticket ${e.posFiscalTicketNo} (${e.eventOperation}) is journaled as signed (${claimed}) but the FDM has no such event`,
          ),
        );
      }
    }
    const others = new Map<string, { count: number; first: FindingRecord }>();
    for (const f of this.fdmOnly.values()) {
      if (this.journalPosIds.has(f.posId)) {
        this.report(
          finding('FDM_EVENT_NOT_IN_JOURNAL', f.at, `FDM event ${f.ref} is not in the POS journal`),
        );
      } else {
        const o = others.get(f.posId);
        if (o) o.count++;
        else others.set(f.posId, { count: 1, first: f.at });
      }
    }
    for (const [posId, o] of others) {
      this.report(
        finding(
          'FDM_EVENTS_OF_OTHER_POS',
          o.first,
          `${o.count} FDM event(s) of posId ${posId}, which the journal does not cover`,
        ),
      );
    }
  }
}
