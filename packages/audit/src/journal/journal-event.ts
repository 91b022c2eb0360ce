/**
 * A fiscal event as the POS journal records it: what the auditor compares with the FDM's
 * record. The adapter for packages/pos's JSONL export fills it (read-journal-export.ts); another
 * POS's journal needs only its own adapter.
 */
export interface JournalEvent {
  /** Journal sequence number of the entry that recorded the event before it was sent. */
  readonly journalSeq: number;
  readonly posId: string;
  readonly posFiscalTicketNo: number;
  readonly eventLabel: string;
  readonly eventOperation: string;
  /** From the request sent to the FDM; undefined when the request could not be read. */
  readonly terminalId: string | undefined;
  readonly posDateTime: string | undefined;
  /** SHA-256 of the canonical JSON of the request's data, as the FDM computes dataHash. */
  readonly requestHash: string | undefined;
  readonly outcome: 'signed' | 'refused' | 'pending';
  readonly resultSeq?: number;
  /** From the FDM's answer as journaled (signed events). */
  readonly fdmRef?: {
    readonly fdmId: string;
    readonly fdmDateTime: string;
    readonly eventLabel: string;
    readonly eventCounter: number;
    readonly totalCounter: number;
  };
  readonly digitalSignature?: string;
}
