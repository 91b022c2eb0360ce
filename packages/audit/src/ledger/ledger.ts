import type { Finding, FindingRecord } from '../findings/finding.js';
import type { EventSummary } from '../event/event-summary.js';
import { ChainCheck, recordOf } from './chain-check.js';
import type { ChainCheckOptions } from './chain-check.js';
import { ReferenceCheck } from './references.js';
import { SessionCheck } from './sessions.js';
import { FdmTicketNumbers } from './ticket-numbers.js';
import type { TicketScheme } from './ticket-numbers.js';
import { ZReportCheck } from './z-reports.js';

export interface LedgerOptions extends ChainCheckOptions {
  readonly ticketScheme: TicketScheme;
}

/** The checks that need the events in order: everything after the per-record checks. */
export class Ledger {
  private readonly chain: ChainCheck;
  private readonly tickets: FdmTicketNumbers;
  private readonly references: ReferenceCheck;
  private readonly reports: ZReportCheck;
  private readonly sessions: SessionCheck;
  events = 0;
  first: EventSummary['fields'];
  last: EventSummary['fields'];

  constructor(
    options: LedgerOptions,
    private readonly report: (f: Finding) => void,
  ) {
    this.chain = new ChainCheck(options, report);
    const fdmId = () => this.chain.firstFdmId;
    this.tickets = new FdmTicketNumbers(options.ticketScheme);
    this.references = new ReferenceCheck(fdmId, report);
    this.reports = new ZReportCheck(options.wholeMemory, fdmId, report);
    this.sessions = new SessionCheck(report);
  }

  add(s: EventSummary): void {
    this.events++;
    for (const f of s.findings) this.report(f);
    // Named only when a finding needs it: most events have none.
    let named: FindingRecord | undefined;
    const at = () => (named ??= recordOf(s));
    this.chain.add(s, at);
    const f = s.fields;
    if (!f) return;
    this.first ??= f;
    this.last = f;
    this.tickets.add(f);
    this.references.add(f, s.timeMs ?? Number.NaN, s.facts?.references, at);
    this.reports.add(f, s.facts, at);
    this.sessions.add(f, s.facts, at);
  }

  /** `journalGiven`: the journal, not the FDM, decides about gaps in ticket numbers. */
  finish(journalGiven: boolean): void {
    this.chain.finish();
    this.tickets.finish(this.report, !journalGiven);
    this.sessions.finish();
  }
}
