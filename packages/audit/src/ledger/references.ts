import { finding } from '../findings/finding.js';
import type { Finding, FindingRecord } from '../findings/finding.js';
import type { SignedFields } from '../formats/signed-bytes.js';
import type { ReferencedEvent } from '../event/business.js';

const labels = 'NPFSIRCT';
/** What each referencing operation may point at. Training events may reference training events. */
const allowed: Readonly<Record<string, string>> = {
  SALE: 'N',
  INVOICE: 'N',
  PAYMENT_CORRECTION: 'N',
  COPY: 'NPIR',
};

/**
 * Refunds, invoices, payment corrections and copies must reference an existing earlier event,
 * exactly as the FDM returned it. Remembers, per totalCounter, the label, eventCounter and time:
 * 13 bytes per event.
 */
export class ReferenceCheck {
  private base: number | undefined;
  private label = new Uint8Array(1024);
  private counter = new Uint32Array(1024);
  private time = new Float64Array(1024);
  private seen = 0;

  constructor(
    private readonly fdmId: () => string | undefined,
    private readonly report: (f: Finding) => void,
  ) {}

  add(
    f: SignedFields,
    timeMs: number,
    references: readonly ReferencedEvent[] | undefined,
    at: () => FindingRecord,
  ): void {
    if (references) for (const r of references) this.check(f, r, at);
    this.remember(f, timeMs);
  }

  private remember(f: SignedFields, timeMs: number): void {
    this.seen++;
    this.base ??= f.totalCounter;
    const i = f.totalCounter - this.base;
    // A wild counter (damage) must not make us allocate gigabytes; it is reported elsewhere.
    if (i < 0 || i > this.seen * 4 + 1_000_000) return;
    while (i >= this.label.length) this.grow();
    this.label[i] = labels.indexOf(f.eventLabel) + 1;
    this.counter[i] = f.eventCounter;
    this.time[i] = timeMs;
  }

  private grow(): void {
    const size = this.label.length * 2;
    const label = new Uint8Array(size);
    label.set(this.label);
    const counter = new Uint32Array(size);
    counter.set(this.counter);
    const time = new Float64Array(size);
    time.set(this.time);
    this.label = label;
    this.counter = counter;
    this.time = time;
  }

  private check(f: SignedFields, r: ReferencedEvent, at: () => FindingRecord): void {
    const named = `${r.eventLabel} ${r.eventCounter}/${r.totalCounter}`;
    const own = this.fdmId();
    if (own !== undefined && r.fdmId !== own) {
      this.report(
        finding(
          'REFERENCE_OUTSIDE_INPUT',
          at(),
          `${f.eventOperation} references ${named} of another FDM, ${r.fdmId}`,
        ),
      );
      return;
    }
    if (r.totalCounter >= f.totalCounter) {
      this.report(
        finding('REFERENCE_UNKNOWN', at(), `${f.eventOperation} references ${named}, which is not earlier`),
      );
      return;
    }
    const i = r.totalCounter - (this.base ?? 1);
    if (i < 0) {
      this.report(
        finding(
          'REFERENCE_OUTSIDE_INPUT',
          at(),
          `${f.eventOperation} references ${named}, before the first event read`,
        ),
      );
      return;
    }
    const code = i < this.label.length ? (this.label[i] as number) : 0;
    if (code === 0) {
      this.report(
        finding(
          'REFERENCE_UNKNOWN',
          at(),
          `${f.eventOperation} references ${named}, which is not in the memory`,
        ),
      );
      return;
    }
    const actualLabel = labels[code - 1] as string;
    const actualTime = this.time[i] as number;
    if (
      actualLabel !== r.eventLabel ||
      this.counter[i] !== r.eventCounter ||
      (!Number.isNaN(actualTime) && Date.parse(r.fdmDateTime) !== actualTime)
    ) {
      this.report(
        finding(
          'REFERENCE_UNKNOWN',
          at(),
          `${f.eventOperation} references ${named} at ${r.fdmDateTime}, but event ${r.totalCounter} is ` +
            `${actualLabel} ${this.counter[i]}/${r.totalCounter} at ${new Date(actualTime).toISOString()}`,
        ),
      );
      return;
    }
    const may = allowed[f.eventOperation] ?? '';
    if (!may.includes(actualLabel) && !(actualLabel === 'T' && f.isTraining)) {
      this.report(
        finding(
          'REFERENCE_WRONG_LABEL',
          at(),
          `a ${f.eventOperation} may not reference a ${actualLabel} event (${named})`,
        ),
      );
    }
  }
}
