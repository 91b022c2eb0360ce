import { err, ok, type Result } from '../../result/result.js';
import type { PluUnit } from '../../plu/fields.js';
import { assembleReceipt } from '../assemble.js';
import type { Receipt, ReceiptBlock } from '../model.js';
import { Problems, type ReceiptProblem } from '../problems.js';
import { brusselsDateAndTime } from './brussels-time.js';
import { checkPosDateTime, checkQuantity, checkText, checkTicketNo, checkUserAlias } from './check-input.js';

export interface KitchenItem {
  readonly description: string;
  readonly quantity: number;
  readonly unit?: PluUnit;
  /** Cooking instructions ("zonder ui"): free text, not PLU lines (C-37). */
  readonly notes?: readonly string[];
}

/** An order for a kitchen or bar printer. It carries no prices at all. */
export interface KitchenTicketInput {
  /** "KEUKEN", "BAR" */
  readonly destination: string;
  readonly orderNo: number;
  readonly posDateTime: string;
  readonly userAlias: string;
  readonly costCenter?: string;
  readonly items: readonly KitchenItem[];
  readonly notes?: readonly string[];
}

/** What to prepare, for whom and when; no amounts; the closing line last (C-27). */
export function buildKitchenTicket(input: KitchenTicketInput): Result<Receipt, ReceiptProblem[]> {
  const problems = new Problems();
  checkText(problems, 'destination', input.destination);
  checkTicketNo(problems, 'orderNo', input.orderNo);
  const issuedAt = checkPosDateTime(problems, 'posDateTime', input.posDateTime);
  checkUserAlias(problems, 'userAlias', input.userAlias);
  if (input.costCenter !== undefined) checkText(problems, 'costCenter', input.costCenter);
  if (!Array.isArray(input.items as unknown) || input.items.length === 0)
    problems.add('items', 'an order has at least one item');
  else {
    input.items.forEach((item, i) => {
      checkText(problems, `items[${i}].description`, item.description);
      checkQuantity(problems, `items[${i}].quantity`, item.quantity);
      item.notes?.forEach((note, j) => checkText(problems, `items[${i}].notes[${j}]`, note));
    });
  }
  input.notes?.forEach((note, i) => checkText(problems, `notes[${i}]`, note));
  if (problems.any || issuedAt === undefined) return err(problems.list);

  const { date, time } = brusselsDateAndTime(issuedAt);
  const blocks: ReceiptBlock[] = [
    { kind: 'banner', text: input.destination },
    { kind: 'field', label: 'Datum', value: `${date} ${time}` },
    { kind: 'field', label: 'Bestelling nr', value: String(input.orderNo) },
    { kind: 'field', label: 'Bediende', value: input.userAlias },
  ];
  if (input.costCenter !== undefined)
    blocks.push({ kind: 'field', label: 'Tafel/klant', value: input.costCenter });
  blocks.push(
    { kind: 'separator' },
    ...input.items.map((item): ReceiptBlock => ({
      kind: 'kitchenItem',
      description: item.description,
      quantity: item.quantity,
      unit: item.unit ?? 'piece',
      notes: item.notes ?? [],
    })),
  );
  if (input.notes !== undefined && input.notes.length > 0) {
    blocks.push(
      { kind: 'separator' },
      ...input.notes.map((note): ReceiptBlock => ({ kind: 'text', text: note, align: 'left', bold: false })),
    );
  }
  return ok(assembleReceipt('kitchen', blocks));
}
