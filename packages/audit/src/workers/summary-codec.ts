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

/** Packs summaries one at a time, as they are made. */
export class SummaryPacker {
  private count = 0;
  private rows = new Float64Array(ROW * 256);
  private readonly vat: number[] = [];
  private readonly words: string[] = [];
  private readonly wordIndex = new Map<string, number>();
  private readonly texts: string[] = [];
  private readonly lengths: number[] = [];
  private readonly rare: RareParts[] = [];

  private word(s: string | undefined): number {
    if (s === undefined) return -1;
    let i = this.wordIndex.get(s);
    if (i === undefined) {
      i = this.words.length;
      this.words.push(s);
      this.wordIndex.set(s, i);
    }
    return i;
  }

  private own(s: string): void {
    this.texts.push(s);
    this.lengths.push(s.length);
  }

  add(s: EventSummary): void {
    const at = this.count++;
    if ((at + 1) * ROW > this.rows.length) {
      const bigger = new Float64Array(this.rows.length * 2);
      bigger.set(this.rows);
      this.rows = bigger;
    }
    const r = this.rows;
    const o = at * ROW;
    let flags = (s.damaged ? DAMAGED : 0) | (s.linked ? LINKED : 0);
    r[o + INDEX] = s.index;
    if (s.offset !== undefined) {
      flags |= HAS_OFFSET;
      r[o + OFFSET] = s.offset;
    }
    const f = s.fields;
    if (f) {
      flags |= HAS_FIELDS | (f.isTraining ? TRAINING : 0);
      r[o + EVENT_COUNTER] = f.eventCounter;
      r[o + TOTAL_COUNTER] = f.totalCounter;
      r[o + TICKET_NO] = f.posFiscalTicketNo;
      r[o + FDM_ID] = this.word(f.fdmId);
      r[o + EVENT_LABEL] = this.word(f.eventLabel);
      r[o + EVENT_OPERATION] = this.word(f.eventOperation);
      r[o + POS_ID] = this.word(f.posId);
      r[o + TERMINAL_ID] = this.word(f.terminalId);
      r[o + DEVICE_ID] = this.word(f.deviceId);
      this.own(f.fdmDateTime);
      this.own(f.posDateTime);
      this.own(f.dataHash);
      this.own(f.prevHash);
    }
    if (s.digitalSignature !== undefined) {
      flags |= HAS_SIGNATURE;
      this.own(s.digitalSignature);
    }
    if (s.timeMs !== undefined) {
      flags |= HAS_TIME;
      r[o + TIME_MS] = s.timeMs;
    }
    let otherFacts: Record<string, unknown> | undefined;
    const facts = s.facts;
    if (facts) {
      flags |= HAS_FACTS;
      if (facts.totalCents !== undefined) {
        flags |= HAS_TOTAL;
        r[o + TOTAL_CENTS] = facts.totalCents;
      }
      if (facts.vat) {
        flags |= HAS_VAT;
        r[o + VAT_LINES] = facts.vat.length;
        for (const v of facts.vat)
          this.vat.push(this.word(v.label), v.taxableCents, v.vatCents, v.totalCents);
      }
      r[o + EMPLOYEE_ID] = this.word(facts.employeeId);
      r[o + COST_CENTER] = this.word(facts.costCenter);
      for (const key in facts) {
        if (rowFacts.has(key)) continue;
        otherFacts ??= {};
        otherFacts[key] = facts[key as keyof EventFacts];
      }
    } else {
      r[o + EMPLOYEE_ID] = -1;
      r[o + COST_CENTER] = -1;
    }
    r[o + FLAGS] = flags;
    if (s.findings.length > 0 || s.recordHash !== undefined || s.headerPrevHash !== undefined || otherFacts) {
      this.rare.push({
        at,
        ...(s.findings.length > 0 ? { findings: s.findings } : {}),
        ...(s.recordHash !== undefined ? { recordHash: s.recordHash } : {}),
        ...(s.headerPrevHash !== undefined ? { headerPrevHash: s.headerPrevHash } : {}),
        ...(otherFacts ? { facts: otherFacts as EventFacts } : {}),
      });
    }
  }

  finish(): PackedSummaries {
    return {
      count: this.count,
      rows: this.rows.subarray(0, this.count * ROW),
      vat: Float64Array.from(this.vat),
      words: this.words,
      text: this.texts.join(''),
      lengths: Uint32Array.from(this.lengths),
      rare: this.rare,
    };
  }
}

export function packSummaries(summaries: readonly EventSummary[]): PackedSummaries {
  const packer = new SummaryPacker();
  for (const s of summaries) packer.add(s);
  return packer.finish();
}

export function unpackSummaries(p: PackedSummaries): EventSummary[] {
  const out: EventSummary[] = [];
  forEachSummary(p, (s) => out.push(s));
  return out;
}

/** Unpacks one summary at a time, so that each can be dropped once used. */
export function forEachSummary(p: PackedSummaries, each: (s: EventSummary) => void): void {
  const { rows, words, text, lengths } = p;
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
    each({
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
}
