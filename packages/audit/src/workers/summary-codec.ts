import type { EventFacts, VatLine } from '../event/business.js';
import type { EventSummary } from '../event/event-summary.js';
import type { Finding } from '../findings/finding.js';
import type { SignedFields } from '../formats/signed-bytes.js';

/**
 * A batch's summaries packed for the trip from a worker to the main thread. Structured cloning
 * copies every object and string one at a time, which cost about as much as all the checks
 * besides the signature. Packed, an event is a row of numbers, indexes into the batch's table
 * of repeated strings (fdmId, labels, POS, terminal and device names, users, tables), its own
 * strings in one text, and objects only for what is rare: findings, unlinked hashes, and the
 * facts of references, transfers, invoices and reports.
 */
export interface PackedSummaries {
  readonly count: number;
  readonly rows: Float64Array;
  /** Four numbers per VAT line: word of the label, taxable, VAT and total cents. */
  readonly vat: Float64Array;
  readonly words: readonly string[];
  /** The events' own strings, one after the other; `lengths` tells them apart. */
  readonly text: string;
  readonly lengths: Uint32Array;
  readonly rare: readonly RareParts[];
}

/** What only some events have, with the event's position in the batch. */
interface RareParts {
  readonly at: number;
  readonly findings?: Finding[];
  readonly recordHash?: string;
  readonly headerPrevHash?: string;
  readonly facts?: EventFacts;
}

// A row: numbers, then word indexes (-1: absent).
const INDEX = 0;
const OFFSET = 1;
const FLAGS = 2;
const EVENT_COUNTER = 3;
const TOTAL_COUNTER = 4;
const TICKET_NO = 5;
const TIME_MS = 6;
const TOTAL_CENTS = 7;
const VAT_LINES = 8;
const FDM_ID = 9;
const EVENT_LABEL = 10;
const EVENT_OPERATION = 11;
const POS_ID = 12;
const TERMINAL_ID = 13;
const DEVICE_ID = 14;
const EMPLOYEE_ID = 15;
const COST_CENTER = 16;
const ROW = 17;

const DAMAGED = 1;
const LINKED = 2;
const HAS_FIELDS = 4;
const TRAINING = 8;
const HAS_SIGNATURE = 16;
const HAS_FACTS = 32;
const HAS_TIME = 64;
const HAS_OFFSET = 128;
const HAS_TOTAL = 256;
const HAS_VAT = 512;

/** The facts a row carries itself; any other fact goes with the rare parts. */
const rowFacts = new Set(['totalCents', 'vat', 'employeeId', 'costCenter']);

export function packSummaries(summaries: readonly EventSummary[]): PackedSummaries {
  const count = summaries.length;
  const rows = new Float64Array(count * ROW);
  const vat: number[] = [];
  const words: string[] = [];
  const wordIndex = new Map<string, number>();
  const word = (s: string | undefined): number => {
    if (s === undefined) return -1;
    let i = wordIndex.get(s);
    if (i === undefined) {
      i = words.length;
      words.push(s);
      wordIndex.set(s, i);
    }
    return i;
  };
  let text = '';
  const lengths: number[] = [];
  const own = (s: string) => {
    text += s;
    lengths.push(s.length);
  };
  const rare: RareParts[] = [];

  for (let at = 0; at < count; at++) {
    const s = summaries[at] as EventSummary;
    const o = at * ROW;
    let flags = (s.damaged ? DAMAGED : 0) | (s.linked ? LINKED : 0);
    rows[o + INDEX] = s.index;
    if (s.offset !== undefined) {
      flags |= HAS_OFFSET;
      rows[o + OFFSET] = s.offset;
    }
    const f = s.fields;
    if (f) {
      flags |= HAS_FIELDS | (f.isTraining ? TRAINING : 0);
      rows[o + EVENT_COUNTER] = f.eventCounter;
      rows[o + TOTAL_COUNTER] = f.totalCounter;
      rows[o + TICKET_NO] = f.posFiscalTicketNo;
      rows[o + FDM_ID] = word(f.fdmId);
      rows[o + EVENT_LABEL] = word(f.eventLabel);
      rows[o + EVENT_OPERATION] = word(f.eventOperation);
      rows[o + POS_ID] = word(f.posId);
      rows[o + TERMINAL_ID] = word(f.terminalId);
      rows[o + DEVICE_ID] = word(f.deviceId);
      own(f.fdmDateTime);
      own(f.posDateTime);
      own(f.dataHash);
      own(f.prevHash);
    }
    if (s.digitalSignature !== undefined) {
      flags |= HAS_SIGNATURE;
      own(s.digitalSignature);
    }
    if (s.timeMs !== undefined) {
      flags |= HAS_TIME;
      rows[o + TIME_MS] = s.timeMs;
    }
    let otherFacts: Record<string, unknown> | undefined;
    const facts = s.facts;
    if (facts) {
      flags |= HAS_FACTS;
      if (facts.totalCents !== undefined) {
        flags |= HAS_TOTAL;
        rows[o + TOTAL_CENTS] = facts.totalCents;
      }
      if (facts.vat) {
        flags |= HAS_VAT;
        rows[o + VAT_LINES] = facts.vat.length;
        for (const v of facts.vat) vat.push(word(v.label), v.taxableCents, v.vatCents, v.totalCents);
      }
      rows[o + EMPLOYEE_ID] = word(facts.employeeId);
      rows[o + COST_CENTER] = word(facts.costCenter);
      for (const key in facts) {
        if (rowFacts.has(key)) continue;
        otherFacts ??= {};
        otherFacts[key] = facts[key as keyof EventFacts];
      }
    } else {
      rows[o + EMPLOYEE_ID] = -1;
      rows[o + COST_CENTER] = -1;
    }
    rows[o + FLAGS] = flags;
    if (s.findings.length > 0 || s.recordHash !== undefined || s.headerPrevHash !== undefined || otherFacts) {
      rare.push({
        at,
        ...(s.findings.length > 0 ? { findings: s.findings } : {}),
        ...(s.recordHash !== undefined ? { recordHash: s.recordHash } : {}),
        ...(s.headerPrevHash !== undefined ? { headerPrevHash: s.headerPrevHash } : {}),
        ...(otherFacts ? { facts: otherFacts as EventFacts } : {}),
      });
    }
  }
  return { count, rows, vat: Float64Array.from(vat), words, text, lengths: Uint32Array.from(lengths), rare };
}

export function unpackSummaries(p: PackedSummaries): EventSummary[] {
  const { rows, words, text, lengths } = p;
  const out: EventSummary[] = [];
  let nextRare = 0;
  let textAt = 0;
  let stringAt = 0;
  let vatAt = 0;
  const own = (): string => {
    const length = lengths[stringAt++] as number;
    const s = text.slice(textAt, textAt + length);
    textAt += length;
    return s;
  };
  const wordAt = (i: number): string | undefined => (i < 0 ? undefined : words[i]);
  for (let at = 0; at < p.count; at++) {
    const o = at * ROW;
    const flags = rows[o + FLAGS] as number;
    let fields: SignedFields | undefined;
    if (flags & HAS_FIELDS) {
      fields = {
        fdmId: wordAt(rows[o + FDM_ID] as number) as string,
        fdmDateTime: own(),
        eventLabel: wordAt(rows[o + EVENT_LABEL] as number) as string,
        eventCounter: rows[o + EVENT_COUNTER] as number,
        totalCounter: rows[o + TOTAL_COUNTER] as number,
        eventOperation: wordAt(rows[o + EVENT_OPERATION] as number) as string,
        isTraining: (flags & TRAINING) !== 0,
        posId: wordAt(rows[o + POS_ID] as number) as string,
        posFiscalTicketNo: rows[o + TICKET_NO] as number,
        posDateTime: own(),
        terminalId: wordAt(rows[o + TERMINAL_ID] as number) as string,
        deviceId: wordAt(rows[o + DEVICE_ID] as number) as string,
        dataHash: own(),
        prevHash: own(),
      };
    }
    const digitalSignature = flags & HAS_SIGNATURE ? own() : undefined;
    const rare = p.rare[nextRare]?.at === at ? p.rare[nextRare++] : undefined;
    let facts: EventFacts | undefined;
    if (flags & HAS_FACTS) {
      const employeeId = wordAt(rows[o + EMPLOYEE_ID] as number);
      const costCenter = wordAt(rows[o + COST_CENTER] as number);
      let vat: VatLine[] | undefined;
      if (flags & HAS_VAT) {
        vat = [];
        for (let n = rows[o + VAT_LINES] as number; n > 0; n--, vatAt += 4) {
          vat.push({
            label: words[p.vat[vatAt] as number] as string,
            taxableCents: p.vat[vatAt + 1] as number,
            vatCents: p.vat[vatAt + 2] as number,
            totalCents: p.vat[vatAt + 3] as number,
          });
        }
      }
      // Fixed shapes, absent values undefined: object spreads here cost more than the rest.
      facts = {
        totalCents: flags & HAS_TOTAL ? (rows[o + TOTAL_CENTS] as number) : undefined,
        vat,
        costCenter,
        employeeId,
      };
      if (rare?.facts) facts = { ...facts, ...rare.facts };
    }
    out.push({
      index: rows[o + INDEX] as number,
      offset: flags & HAS_OFFSET ? (rows[o + OFFSET] as number) : undefined,
      recordHash: rare?.recordHash,
      headerPrevHash: rare?.headerPrevHash,
      linked: flags & LINKED ? true : undefined,
      damaged: (flags & DAMAGED) !== 0,
      fields,
      digitalSignature,
      timeMs: flags & HAS_TIME ? (rows[o + TIME_MS] as number) : undefined,
      facts,
      findings: rare?.findings ?? [],
    });
  }
  return out;
}
