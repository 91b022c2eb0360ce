import { finding } from '../findings/finding.js';
import type { Finding } from '../findings/finding.js';
import type { SignedFields } from '../formats/signed-bytes.js';

/**
 * How a POS numbers posFiscalTicketNo (the FDM API lets each POS choose and document it): one
 * series per POS (our POS: packages/pos, outbox/ticket-number.ts), per POS and label, per POS
 * and terminal, or per POS, label and terminal.
 */
export type TicketScheme = 'pos' | 'pos-label' | 'pos-terminal' | 'pos-label-terminal';
export const ticketSchemes: readonly TicketScheme[] = [
  'pos',
  'pos-label',
  'pos-terminal',
  'pos-label-terminal',
];

export function seriesOf(
  scheme: TicketScheme,
  e: { posId: string; eventLabel: string; terminalId: string },
): string {
  switch (scheme) {
    case 'pos':
      return e.posId;
    case 'pos-label':
      return `${e.posId} label ${e.eventLabel}`;
    case 'pos-terminal':
      return `${e.posId} terminal ${e.terminalId}`;
    case 'pos-label-terminal':
      return `${e.posId} label ${e.eventLabel} terminal ${e.terminalId}`;
  }
}

const KEY_BITS = 2 ** 21;

/** 21 bits of FNV-1a over the duplicate key: tells a repeated key from a reused number. */
function keyHash(f: SignedFields): number {
  const text = `${f.posId}\u0000${f.posDateTime}\u0000${f.terminalId}\u0000${f.eventLabel}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % KEY_BITS;
}

/**
 * The ticket numbers the FDM signed, per series: 8 bytes per event (the number and
 * a key hash packed in one float), sorted once at the end to find repeats and gaps.
 */
export class FdmTicketNumbers {
  private readonly series = new Map<string, { values: Float64Array; n: number; posId: string }>();

  constructor(private readonly scheme: TicketScheme) {}

  add(f: SignedFields): void {
    const name = seriesOf(this.scheme, f);
    let s = this.series.get(name);
    if (!s) {
      s = { values: new Float64Array(1024), n: 0, posId: f.posId };
      this.series.set(name, s);
    }
    if (s.n === s.values.length) {
      const bigger = new Float64Array(s.values.length * 2);
      bigger.set(s.values);
      s.values = bigger;
    }
    s.values[s.n++] = f.posFiscalTicketNo * KEY_BITS + keyHash(f);
  }

  /** Gaps are only reported when no journal explains them (refused requests leave gaps here). */
  finish(report: (f: Finding) => void, reportGaps: boolean): void {
    for (const [name, s] of this.series) {
      const sorted = s.values.subarray(0, s.n).sort();
      for (let i = 1; i < sorted.length; i++) {
        const a = sorted[i - 1] as number;
        const b = sorted[i] as number;
        const na = Math.floor(a / KEY_BITS);
        const nb = Math.floor(b / KEY_BITS);
        const ticket = { posId: s.posId, posFiscalTicketNo: nb };
        if (a === b) {
          report(
            finding(
              'DUPLICATE_KEY',
              { ticket },
              `ticket ${nb} of series ${name} was signed twice with the same key`,
            ),
          );
        } else if (na === nb) {
          report(
            finding('TICKET_NO_REPEATED', { ticket }, `ticket number ${nb} is used twice in series ${name}`),
          );
        } else if (reportGaps && nb > na + 1) {
          report(
            finding(
              'TICKET_NO_GAP_FDM',
              { ticket: { posId: s.posId, posFiscalTicketNo: na + 1 } },
              nb === na + 2
                ? `series ${name}: ticket ${na + 1} was never signed`
                : `series ${name}: tickets ${na + 1}..${nb - 1} were never signed`,
            ),
          );
        }
      }
    }
  }
}
