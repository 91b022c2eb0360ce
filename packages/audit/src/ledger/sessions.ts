import { finding } from '../findings/finding.js';
import type { Finding, FindingRecord } from '../findings/finding.js';
import type { SignedFields } from '../formats/signed-bytes.js';
import type { EventFacts } from '../event/business.js';

interface OpenSession {
  balanceCents: number;
  opened: FindingRecord;
  lastCounter: number;
}

/**
 * Table sessions (cost center references) must end in an N sale; work in/out must alternate
 * per user. Remembers only open sessions and users at work.
 */
export class SessionCheck {
  private readonly open = new Map<string, OpenSession>();
  private readonly atWork = new Map<string, FindingRecord>();
  private lastZCounter = 0;

  constructor(private readonly report: (f: Finding) => void) {}

  add(f: SignedFields, facts: EventFacts | undefined, at: () => FindingRecord): void {
    if (f.isTraining || !facts) return;
    switch (f.eventOperation) {
      case 'ORDER':
        if (facts.costCenter !== undefined) this.move(facts.costCenter, facts.totalCents ?? 0, f, at);
        break;
      case 'COST_CENTER_CHANGE':
        for (const [ref, c] of facts.transfers?.from ?? []) this.move(ref, c, f, at);
        for (const [ref, c] of facts.transfers?.to ?? []) this.move(ref, c, f, at);
        break;
      case 'SALE':
        if (facts.costCenter !== undefined) this.open.delete(facts.costCenter);
        break;
      case 'REPORT_TURNOVER_Z':
        this.lastZCounter = f.totalCounter;
        break;
      case 'WORK_IN':
      case 'WORK_OUT':
        this.work(f.eventOperation, facts.employeeId ?? '', at);
        break;
    }
  }

  private move(ref: string, cents: number, f: SignedFields, at: () => FindingRecord): void {
    const s = this.open.get(ref);
    if (s) {
      s.balanceCents += cents;
      s.lastCounter = f.totalCounter;
    } else this.open.set(ref, { balanceCents: cents, opened: at(), lastCounter: f.totalCounter });
  }

  private work(op: 'WORK_IN' | 'WORK_OUT', employee: string, at: () => FindingRecord): void {
    const inSince = this.atWork.get(employee);
    if (op === 'WORK_IN') {
      if (inSince) {
        this.report(
          finding(
            'WORK_IN_OUT_UNPAIRED',
            at(),
            `user ${employee} clocks in again, still in since ${inSince.fdmRef ?? '?'}`,
          ),
        );
      }
      this.atWork.set(employee, at());
    } else {
      if (!inSince)
        this.report(finding('WORK_IN_OUT_UNPAIRED', at(), `user ${employee} clocks out without clocking in`));
      this.atWork.delete(employee);
    }
  }

  finish(): void {
    for (const [ref, s] of this.open) {
      // A session fully moved to another table (balance 0) needs no sale of its own.
      if (s.balanceCents === 0) continue;
      const closedDay = this.lastZCounter > s.lastCounter;
      this.report(
        finding(
          closedDay ? 'COST_CENTER_OPEN_AT_Z' : 'COST_CENTER_NOT_CLOSED',
          s.opened,
          `cost center "${ref}" has signed orders of ${(s.balanceCents / 100).toFixed(2)} and no closing N sale` +
            (closedDay ? `; a turnover Z report followed at event ${this.lastZCounter}` : ''),
        ),
      );
    }
  }
}
