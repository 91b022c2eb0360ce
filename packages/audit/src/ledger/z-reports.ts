import { finding } from '../findings/finding.js';
import type { Finding, FindingRecord } from '../findings/finding.js';
import type { SignedFields } from '../formats/signed-bytes.js';
import type { EventFacts, TurnoverClaim } from '../event/business.js';

const vatLabels = ['A', 'B', 'C', 'D', 'X'] as const;
// Layout of one cumulative row, all sums since the first event read.
const N_COUNT = 0;
const N_CENTS = 1;
const T_COUNT = 2;
const T_CENTS = 3;
const DRAWER_OPENS = 4;
const VAT0 = 5; // then per VAT label: taxable, vat, total
const WIDTH = VAT0 + vatLabels.length * 3;
/** Events whose running sums stay at hand for a report's period end. */
const RING = 16_384;

const euro = (c: number) => (c / 100).toFixed(2);

/**
 * Each turnover Z report must equal the sums of the events of its period (fdmDevices'
 * first..lastTotalCounter of this FDM): N tickets and amounts, training tickets apart, VAT per
 * label, drawer openings. Keeps running sums: those of the recent events in a ring, and
 * snapshots at reports (where the next period starts), so memory does not grow with the input.
 */
export class ZReportCheck {
  private readonly sums = new Float64Array(WIDTH);
  private readonly ring = new Float64Array(RING * WIDTH);
  private readonly ringCounter = new Float64Array(RING).fill(-1);
  private readonly snapshots = new Map<number, Float64Array>();
  private firstCounter: number | undefined;
  private lastReportNo = new Map<string, number>();
  private lastZEnd: number | undefined;

  constructor(
    private readonly wholeMemory: boolean,
    private readonly fdmId: () => string | undefined,
    private readonly report: (f: Finding) => void,
  ) {}

  add(f: SignedFields, facts: EventFacts | undefined, at: () => FindingRecord): void {
    this.firstCounter ??= f.totalCounter;
    if (f.eventOperation === 'REPORT_TURNOVER_Z' && !f.isTraining && facts?.turnover) {
      this.checkReportNo('turnover', facts.turnover.reportNo, at);
      this.checkTurnover(f, facts.turnover, at);
    }
    if (f.eventOperation === 'REPORT_USER_Z' && !f.isTraining)
      this.checkReportNo('user', facts?.reportNo, at);
    this.accumulate(f, facts);
    const slot = f.totalCounter % RING;
    this.ring.set(this.sums, slot * WIDTH);
    this.ringCounter[slot] = f.totalCounter;
    if (f.eventLabel === 'R') this.snapshots.set(f.totalCounter, Float64Array.from(this.sums));
  }

  private accumulate(f: SignedFields, facts: EventFacts | undefined): void {
    const add = (k: number, v: number) => {
      this.sums[k] = (this.sums[k] as number) + v;
    };
    if (f.eventLabel === 'N' && f.eventOperation === 'SALE') {
      add(N_COUNT, 1);
      add(N_CENTS, facts?.totalCents ?? 0);
      for (const v of facts?.vat ?? []) {
        const i = vatLabels.indexOf(v.label as (typeof vatLabels)[number]);
        if (i < 0) continue;
        add(VAT0 + i * 3, v.taxableCents);
        add(VAT0 + i * 3 + 1, v.vatCents);
        add(VAT0 + i * 3 + 2, v.totalCents);
      }
    } else if (f.eventLabel === 'T' && f.eventOperation === 'SALE') {
      add(T_COUNT, 1);
      add(T_CENTS, facts?.totalCents ?? 0);
    } else if (f.eventOperation === 'DRAWER_OPEN' && !f.isTraining) {
      add(DRAWER_OPENS, 1);
    }
  }

  /** The running sums just after event `counter`, if still known. */
  private sumsAfter(counter: number): Float64Array | undefined {
    if (this.firstCounter !== undefined && counter === this.firstCounter - 1 && this.wholeMemory) {
      return new Float64Array(WIDTH);
    }
    const snap = this.snapshots.get(counter);
    if (snap) return snap;
    const slot = counter % RING;
    if (counter >= 0 && this.ringCounter[slot] === counter)
      return this.ring.subarray(slot * WIDTH, (slot + 1) * WIDTH);
    return undefined;
  }

  private checkReportNo(kind: string, reportNo: number | undefined, at: () => FindingRecord): void {
    if (reportNo === undefined) return;
    const last = this.lastReportNo.get(kind);
    if (last !== undefined && reportNo !== last + 1) {
      this.report(
        finding('Z_REPORT_NO_GAP', at(), `${kind} Z report ${reportNo} follows ${kind} Z report ${last}`),
      );
    }
    this.lastReportNo.set(kind, reportNo);
  }

  private checkTurnover(f: SignedFields, claim: TurnoverClaim, at: () => FindingRecord): void {
    const own = this.fdmId() ?? f.fdmId;
    const range = claim.ranges.find((r) => r.fdmId === own);
    if (!range) {
      this.report(finding('Z_REPORT_UNCHECKABLE', at(), `the report names no counter range of FDM ${own}`));
      return;
    }
    if (this.lastZEnd !== undefined && range.first !== this.lastZEnd + 1) {
      this.report(
        finding(
          'Z_REPORT_NO_GAP',
          at(),
          range.first > this.lastZEnd + 1
            ? `events ${this.lastZEnd + 1}..${range.first - 1} are in no Z report`
            : `the period starts at ${range.first}, inside the previous Z period (ending ${this.lastZEnd})`,
        ),
      );
    }
    this.lastZEnd = range.last;
    const before = this.sumsAfter(range.first - 1);
    const after = range.last < f.totalCounter ? this.sumsAfter(range.last) : undefined;
    if (!before || !after) {
      this.report(
        finding(
          'Z_REPORT_UNCHECKABLE',
          at(),
          `the period ${range.first}..${range.last} cannot be summed from the input`,
        ),
      );
      return;
    }
    this.snapshots.set(range.last, Float64Array.from(after));
    const got = (k: number) => (after[k] as number) - (before[k] as number);
    const problems: string[] = [];
    const claimed = (label: string) => claim.transactions.find((t) => t.label === label);
    const n = claimed('N');
    const nCount = got(N_COUNT);
    const nCents = got(N_CENTS);
    const tCents = got(T_CENTS);
    if ((n?.count ?? 0) !== nCount) problems.push(`N tickets ${n?.count ?? 0}, events give ${nCount}`);
    if ((n?.cents ?? 0) !== nCents) {
      if (tCents !== 0 && n?.cents === nCents + tCents) {
        this.report(
          finding(
            'Z_TRAINING_IN_TURNOVER',
            at(),
            `N turnover ${euro(n.cents)} includes training sales of ${euro(tCents)}; the N events give ${euro(nCents)}`,
          ),
        );
      } else problems.push(`N turnover ${euro(n?.cents ?? 0)}, events give ${euro(nCents)}`);
    }
    const t = claimed('T');
    if (t && (t.count !== got(T_COUNT) || (t.cents ?? 0) !== tCents)) {
      problems.push(
        `training ${t.count} / ${euro(t.cents ?? 0)}, events give ${got(T_COUNT)} / ${euro(tCents)}`,
      );
    }
    vatLabels.forEach((label, i) => {
      const line = claim.vats.find((v) => v.label === label);
      const total = got(VAT0 + i * 3 + 2);
      const taxable = got(VAT0 + i * 3);
      const vat = got(VAT0 + i * 3 + 1);
      if (
        (line?.totalCents ?? 0) !== total ||
        (line?.taxableCents ?? 0) !== taxable ||
        (line?.vatCents ?? 0) !== vat
      ) {
        problems.push(
          `VAT ${label} ${euro(line?.taxableCents ?? 0)} + ${euro(line?.vatCents ?? 0)} = ${euro(line?.totalCents ?? 0)}, ` +
            `events give ${euro(taxable)} + ${euro(vat)} = ${euro(total)}`,
        );
      }
    });
    if (claim.drawersOpenCount !== undefined && claim.drawersOpenCount !== got(DRAWER_OPENS)) {
      problems.push(`drawer openings ${claim.drawersOpenCount}, events give ${got(DRAWER_OPENS)}`);
    }
    if (problems.length > 0) {
      this.report(
        finding(
          'Z_REPORT_MISMATCH',
          at(),
          `Z report ${claim.reportNo ?? '?'} (events ${range.first}..${range.last}): ${problems.join('; ')}`,
        ),
      );
    }
  }
}
