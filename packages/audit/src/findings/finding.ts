/** Where a finding is: any of the record's identities that are known. */
export interface FindingRecord {
  /** 0-based record index in the memory file or dump. */
  readonly index?: number;
  /** `N 16/52`: label, eventCounter / totalCounter. */
  readonly fdmRef?: string;
  readonly totalCounter?: number;
  readonly ticket?: { readonly posId: string; readonly posFiscalTicketNo: number };
  /** Sequence number in the POS journal. */
  readonly journalSeq?: number;
  /** Byte offset in the memory file. */
  readonly offset?: number;
}

export type Severity = 'error' | 'warning';

export interface Finding {
  readonly severity: Severity;
  readonly code: FindingCode;
  readonly record: FindingRecord;
  readonly explanation: string;
  readonly suggestedCause: string;
}

interface CodeInfo {
  readonly severity: Severity;
  /** What the check found, for the README table. */
  readonly meaning: string;
  readonly suggestedCause: string;
}

/**
 * Every finding the verifier can report, with its default severity and likely cause. The
 * README's table lists exactly these (a test keeps them in step).
 */
export const findingCodes = {
  // --- input and certificates
  INPUT_UNREADABLE: {
    severity: 'error',
    meaning: 'An input file cannot be opened or is not of the expected kind.',
    suggestedCause: 'Wrong path, wrong file, or a file damaged beyond reading.',
  },
  FILE_HEADER_BAD: {
    severity: 'error',
    meaning: 'The memory file header (magic, version, checksum) is wrong.',
    suggestedCause: 'Not an FDM memory file, or its first bytes were overwritten.',
  },
  CERTIFICATE_NOT_FROM_CA: {
    severity: 'error',
    meaning: "The FDM's certificate is not signed by the given CA certificate.",
    suggestedCause: 'A certificate from another CA, a forged certificate, or the wrong CA file.',
  },
  CERTIFICATE_INVALID: {
    severity: 'error',
    meaning:
      "A certificate cannot be parsed, the CA is not a CA, or the FDM certificate's use or name is wrong.",
    suggestedCause: 'A damaged or substituted certificate file.',
  },
  CERTIFICATE_NOT_VALID_AT_EVENT: {
    severity: 'warning',
    meaning: "An event's fdmDateTime lies outside the FDM certificate's validity period.",
    suggestedCause: 'An expired certificate still in use, or a wrong FDM clock.',
  },
  FDM_ID_MISMATCH: {
    severity: 'error',
    meaning: "An event's fdmId is not the one named in the FDM certificate (or the other events).",
    suggestedCause: 'Events of another FDM mixed in, or a forged record.',
  },
  DUMP_STATUS_ERROR: {
    severity: 'error',
    meaning: "The dump's FDMserl.txt says status=ERROR: the FDM found its own memory damaged.",
    suggestedCause: 'A damaged FDM memory; the statusDetail line says where.',
  },
  DUMP_CERTIFICATE_MISMATCH: {
    severity: 'error',
    meaning: "The dump's FDMserl.txt names another certificate (lastVscId) than the one given.",
    suggestedCause: 'The wrong certificate file, or a dump of another FDM.',
  },
  // --- framing and chain
  RECORD_LENGTH_CORRUPT: {
    severity: 'error',
    meaning:
      "A record's length field fails its checksum; the reader resynchronised on the next intact record.",
    suggestedCause: 'Bit rot or an edit of the memory file.',
  },
  RECORD_CHECKSUM_MISMATCH: {
    severity: 'error',
    meaning: "A record's bytes do not match its CRC-32C.",
    suggestedCause: 'A flipped byte: bit rot, or someone edited the record without recomputing its checksum.',
  },
  TRUNCATED_TAIL: {
    severity: 'warning',
    meaning: 'The file ends inside a record.',
    suggestedCause: 'A write cut off by a crash (the FDM discards it on start), or a truncated copy.',
  },
  BYTES_SKIPPED: {
    severity: 'error',
    meaning: 'Bytes between intact records could not be read as records.',
    suggestedCause: 'Damage or an insertion in the memory file.',
  },
  CHAIN_BROKEN: {
    severity: 'error',
    meaning: "A record's previous-record hash is not the hash of the record before it.",
    suggestedCause: 'A record deleted, inserted, reordered or rewritten before this one.',
  },
  CHAIN_START_NOT_GENESIS: {
    severity: 'warning',
    meaning: 'The first record does not continue from the genesis hash: the input is not the whole memory.',
    suggestedCause: 'A dump of a period (FDM.DER), or records removed from the start.',
  },
  PAYLOAD_UNREADABLE: {
    severity: 'error',
    meaning: "A record's payload is not a stored event (not JSON, or fields missing or of the wrong type).",
    suggestedCause: 'An edited or corrupt record.',
  },
  PREV_HASH_FIELD_MISMATCH: {
    severity: 'error',
    meaning: 'The signed prevHash differs from the previous-record hash in the record header.',
    suggestedCause: 'A record moved or spliced from elsewhere.',
  },
  // --- signatures
  SIGNATURE_INVALID: {
    severity: 'error',
    meaning: "The event's digitalSignature does not verify with the FDM certificate's key.",
    suggestedCause: 'A forged or altered event, or one signed with another key.',
  },
  DATA_HASH_MISMATCH: {
    severity: 'error',
    meaning: 'The signed dataHash is not the SHA-256 of the stored request.',
    suggestedCause: 'The stored request (the POS data) was altered after signing.',
  },
  RESULT_MISMATCH: {
    severity: 'error',
    meaning: "The stored answer's fdmRef or POS fields differ from the signed fields.",
    suggestedCause: 'The answer part of the record was edited.',
  },
  SHORT_SIGNATURE_MISMATCH: {
    severity: 'error',
    meaning: 'shortSignature is not the first 40 hex digits of SHA-256 of the signature.',
    suggestedCause: 'An edited answer or a faulty FDM.',
  },
  VERIFICATION_URL_MISMATCH: {
    severity: 'error',
    meaning: 'verificationUrl does not end in /<fdmId>/<totalCounter>/<shortSignature>.',
    suggestedCause: 'An edited answer or a faulty FDM.',
  },
  // --- counters and clock
  TOTAL_COUNTER_GAP: {
    severity: 'error',
    meaning: 'totalCounter skips numbers: events are missing.',
    suggestedCause: 'Records deleted from the memory.',
  },
  TOTAL_COUNTER_NOT_INCREASING: {
    severity: 'error',
    meaning: 'totalCounter goes back or repeats.',
    suggestedCause: 'Records swapped, duplicated or inserted.',
  },
  EVENT_COUNTER_GAP: {
    severity: 'error',
    meaning: 'eventCounter of a label skips numbers.',
    suggestedCause: 'Records of that label deleted.',
  },
  EVENT_COUNTER_NOT_INCREASING: {
    severity: 'error',
    meaning: 'eventCounter of a label goes back or repeats.',
    suggestedCause: 'Records swapped, duplicated or inserted.',
  },
  FDM_TIME_DECREASING: {
    severity: 'error',
    meaning: "fdmDateTime is earlier than the previous event's.",
    suggestedCause: 'Records reordered, or a clock set back.',
  },
  LABEL_INCONSISTENT: {
    severity: 'error',
    meaning:
      'The label does not fit the operation or the training flag (training events are T, and only they).',
    suggestedCause: 'A faulty or forged FDM record.',
  },
  // --- POS ticket numbers and keys
  TICKET_NO_GAP: {
    severity: 'error',
    meaning: 'POS ticket numbers skip a number in the POS series (journal order).',
    suggestedCause: 'A ticket removed from the journal, or a POS that does not number gap-free.',
  },
  TICKET_NO_REPEATED: {
    severity: 'error',
    meaning: 'A POS ticket number is used twice in one series.',
    suggestedCause: 'A POS numbering fault, or a forged or duplicated ticket.',
  },
  TICKET_NO_GAP_FDM: {
    severity: 'warning',
    meaning: 'POS ticket numbers signed by the FDM skip numbers (checked this way when no journal is given).',
    suggestedCause: 'Requests the FDM refused, events never sent, or a POS hiding tickets from the FDM.',
  },
  DUPLICATE_KEY: {
    severity: 'error',
    meaning:
      'Two FDM events share the duplicate key (posId, posDateTime, terminalId, eventLabel, posFiscalTicketNo).',
    suggestedCause: 'The FDM signed a resent request twice, or a record was copied.',
  },
  // --- journal
  JOURNAL_UNREADABLE_LINE: {
    severity: 'error',
    meaning: 'A line of the journal export is not a journal entry.',
    suggestedCause: 'An edited or damaged export.',
  },
  JOURNAL_ENTRY_ALTERED: {
    severity: 'error',
    meaning: "A journal entry's hash is not the hash of its fields.",
    suggestedCause: 'The journal row or the export line was changed.',
  },
  JOURNAL_CHAIN_BROKEN: {
    severity: 'error',
    meaning: "A journal entry's prevHash is not the previous entry's hash.",
    suggestedCause: 'Journal entries removed, inserted or reordered.',
  },
  JOURNAL_SEQ_GAP: {
    severity: 'error',
    meaning: 'Journal sequence numbers skip or repeat.',
    suggestedCause: 'Journal entries removed.',
  },
  JOURNAL_EVENT_NOT_IN_FDM: {
    severity: 'error',
    meaning: 'The journal records an event as signed, but the FDM memory has no such event.',
    suggestedCause: 'A ticket the FDM never signed (forged control data) or an FDM record deleted.',
  },
  FDM_EVENT_NOT_IN_JOURNAL: {
    severity: 'error',
    meaning: 'The FDM signed an event that the POS journal does not contain.',
    suggestedCause: 'A ticket removed from the journal, or another POS using this FDM.',
  },
  JOURNAL_REQUEST_MISMATCH: {
    severity: 'error',
    meaning: "The journal's request does not hash to the FDM's dataHash for the same ticket.",
    suggestedCause: 'The journal or the FDM memory altered after signing.',
  },
  JOURNAL_FDM_REF_MISMATCH: {
    severity: 'error',
    meaning: "The fdmRef or signature in the journal's answer differs from the FDM's record.",
    suggestedCause: 'Control data edited in the journal, or printed from another event.',
  },
  JOURNAL_REFUSED_BUT_SIGNED: {
    severity: 'error',
    meaning: 'The journal records a refusal, but the FDM signed the event.',
    suggestedCause: 'A lost answer recorded wrongly, or a journal edit hiding a sale.',
  },
  JOURNAL_RESULT_MISSING: {
    severity: 'warning',
    meaning: 'A journaled event has no recorded answer although the FDM signed it.',
    suggestedCause: "The POS crashed before recording the FDM's answer and has not resent it yet.",
  },
  JOURNAL_EVENT_PENDING: {
    severity: 'warning',
    meaning: 'A journaled event has no answer and is not in the FDM: it was never signed.',
    suggestedCause: 'An event still waiting in the outbox when the journal was exported.',
  },
  FDM_EVENTS_OF_OTHER_POS: {
    severity: 'warning',
    meaning: 'The FDM holds events of a posId that the journal does not cover.',
    suggestedCause: 'Another POS uses this FDM (C-21 asks for one journal per FDM).',
  },
  // --- business consistency
  Z_REPORT_MISMATCH: {
    severity: 'error',
    meaning: 'A turnover Z report does not equal the sums of the events of its period.',
    suggestedCause: 'Events removed or added after the report, or a POS computing reports wrongly.',
  },
  Z_TRAINING_IN_TURNOVER: {
    severity: 'error',
    meaning: 'A Z report counts training (T) events in the turnover.',
    suggestedCause: 'A POS that adds training tickets to real turnover.',
  },
  Z_REPORT_UNCHECKABLE: {
    severity: 'warning',
    meaning:
      "A Z report's period cannot be recomputed from the input (no FDM range, or it starts before the input).",
    suggestedCause: 'A period dump that starts inside the report period, or a report without fdmDevices.',
  },
  Z_REPORT_NO_GAP: {
    severity: 'error',
    meaning: 'Z report numbers are not continuous, or Z periods leave events out.',
    suggestedCause: 'A Z report missing or deleted.',
  },
  REFERENCE_UNKNOWN: {
    severity: 'error',
    meaning:
      'A refund, copy, invoice or payment correction references an event that does not exist (as referenced).',
    suggestedCause: 'A reference to a deleted or invented event, or a wrongly copied fdmRef.',
  },
  REFERENCE_WRONG_LABEL: {
    severity: 'error',
    meaning: 'A reference points at an event of a label it may not reference.',
    suggestedCause: 'A POS fault, e.g. an invoice referencing a pro forma.',
  },
  REFERENCE_OUTSIDE_INPUT: {
    severity: 'warning',
    meaning: 'A reference points before the first event of the input, so it cannot be checked.',
    suggestedCause: 'A period dump.',
  },
  COST_CENTER_NOT_CLOSED: {
    severity: 'warning',
    meaning: 'A table session (cost center reference) has signed orders but never ends in an N sale.',
    suggestedCause: 'A table still open when the memory was read, or a sale made without the FDM.',
  },
  COST_CENTER_OPEN_AT_Z: {
    severity: 'error',
    meaning:
      'A table session with unpaid orders was still open when a later turnover Z report closed the day.',
    suggestedCause: 'A sale settled outside the system (C-8: every registration must end in a ticket).',
  },
  WORK_IN_OUT_UNPAIRED: {
    severity: 'warning',
    meaning: 'A user clocks in twice without clocking out, or out without being in.',
    suggestedCause: 'A forgotten clock-out, or work events missing.',
  },
} as const satisfies Record<string, CodeInfo>;

export type FindingCode = keyof typeof findingCodes;

export function finding(
  code: FindingCode,
  record: FindingRecord,
  explanation: string,
  severity: Severity = findingCodes[code].severity,
): Finding {
  return { severity, code, record, explanation, suggestedCause: findingCodes[code].suggestedCause };
}

/** `N 16/52`, the printed form of an fdmRef. */
export function refText(label: string, eventCounter: number, totalCounter: number): string {
  return `${label} ${eventCounter}/${totalCounter}`;
}
