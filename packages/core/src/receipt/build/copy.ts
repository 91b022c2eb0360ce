import type { SignResult } from '../../fdm-api/types.js';
import { err, ok, type Result } from '../../result/result.js';
import { assembleReceipt } from '../assemble.js';
import type { IssueContext } from '../inputs.js';
import { CLOSING_LINE, banners, type Receipt, type ReceiptBlock, type ReceiptKind } from '../model.js';
import { Problems, type ReceiptProblem } from '../problems.js';
import { brusselsDateAndTime } from './brussels-time.js';
import { checkIssueContext } from './check-input.js';
import { tailBlocks } from './sections.js';
import { readSignedFacts } from './signed-facts.js';

/** A C event: a reprint of an earlier print, identified and signed as a copy of its own. */
export interface CopyTicketInput extends IssueContext {
  /** The print being copied, as built when it was first issued. */
  readonly original: Receipt;
  readonly signResult: SignResult;
}

// signCopy reprints an N, P, I or R event (fdm-v2-notes).
const copyable: readonly ReceiptKind[] = ['vat-ticket', 'pro-forma', 'invoice', 'report'];

/**
 * KOPIE on top and at the bottom, then the original's content as printed, minus its
 * BTW-KASTICKET banner and closing line: a copy is never a VAT ticket (C-33). The original keeps
 * its own control data and QR (a copy of an N carries the same QR); the copy's follow, and the
 * closing line ends it.
 */
export function buildCopy(input: CopyTicketInput): Result<Receipt, ReceiptProblem[]> {
  const problems = new Problems();
  const issuedAt = checkIssueContext(problems, input);
  const original = input.original as Receipt | undefined;
  const originalControl = original?.blocks.find((b) => b.kind === 'controlData');
  if (original === undefined || !copyable.includes(original.kind)) {
    problems.add('original', `only a ${copyable.join(', ')} can be copied, got ${String(original?.kind)}`);
  } else if (originalControl === undefined) {
    problems.add('original', 'has no control data: only prints signed by the FDM can be copied');
  }
  const facts = readSignedFacts(problems, input.signResult, input, {
    labels: ['C'],
    heading: 'Controlegegevens kopie',
  });
  if (problems.any || issuedAt === undefined || facts === undefined || original === undefined) {
    return err(problems.list);
  }
  const banner: ReceiptBlock = { kind: 'banner', text: banners.copy };
  const content = original.blocks.filter(
    (b) => !(b.kind === 'banner' && (b.text === banners.vatTicket || b.text === CLOSING_LINE)),
  );
  const { date, time } = brusselsDateAndTime(issuedAt);
  const of = originalControl?.kind === 'controlData' ? originalControl.ticketCounter : '';
  return ok(
    assembleReceipt('copy', [
      banner,
      ...content,
      { kind: 'separator' },
      { kind: 'text', text: `Kopie van ${of}`, align: 'center', bold: true },
      { kind: 'field', label: 'Datum kopie', value: `${date} ${time}` },
      { kind: 'field', label: 'Ticket nr', value: String(input.ticketNo) },
      { kind: 'field', label: 'Bediende', value: input.userAlias },
      ...tailBlocks(input, facts, { qr: false }),
      banner,
    ]),
  );
}
