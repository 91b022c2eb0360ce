/**
 * Test support: writes signed events into the journal the way the POS does (outbox request
 * bytes from the FDM client, the FDM's GraphQL answer as received), with an FDM's counters and
 * vatCalc. Not part of the package's public API.
 */
import {
  centsToEuros,
  computeVatCalc,
  eventOperationOf,
  labelFor,
  validateSignInput,
  type SignMutation,
  type SignMutationInputs,
  type SignResult,
  type TransactionLineInput,
  type WorkInOutInput,
} from '@gks/core';
import { prepareSignRequest } from '@gks/fdm-client';
import type { Clock, Database } from '../journal/journal.js';
import { enqueueFiscalEvent, recordFiscalResult } from '../outbox/outbox.js';

export const clock: Clock = { now: () => new Date('2025-06-12T12:00:00.000Z') };

/** The common block on a given day (1 = 12 June 2025) and minute after 10:00. */
export function common(day: number, minute: number, employeeId = '84022899837'): WorkInOutInput {
  const date = `2025-06-${String(11 + day).padStart(2, '0')}`;
  const hh = String(10 + Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return {
    language: 'EN',
    vatNo: 'BE0000000097',
    estNo: '2000000042',
    posId: 'CPOS0031234567',
    posFiscalTicketNo: 1,
    posDateTime: `${date}T${hh}:${mm}:00+02:00`,
    posSwVersion: '1.0.0',
    deviceId: 'device-1',
    terminalId: 'T1',
    bookingPeriodId: 'dffcd829-a0e5-41ca-a0ae-9eb887f95637',
    bookingDate: date,
    ticketMedium: 'PAPER',
    employeeId,
  };
}

export const drink = (euros: number): TransactionLineInput => ({
  lineType: 'SINGLE_PRODUCT',
  mainProduct: {
    productId: 'D1',
    productName: 'Drink',
    departmentId: '10',
    departmentName: 'Drinks',
    quantity: 1,
    quantityType: 'PIECE',
    unitPrice: euros,
    vats: [{ label: 'A', price: euros }],
  },
  lineTotal: euros,
});

/** A cash sale of one drink. */
export function sale(day: number, minute: number, euros: number): SignMutationInputs['signSale'] {
  return {
    ...common(day, minute),
    transaction: { transactionLines: [drink(euros)], transactionTotal: euros },
    financials: [
      { id: '1', name: 'CASH', type: 'CASH', inputMethod: 'MANUAL', amount: euros, amountType: 'PAYMENT' },
    ],
  };
}

export type Outcome = 'signed' | 'refused' | 'pending';

/** One FDM's counters over the events written. */
export class TestRegister {
  private total = 0;
  private readonly perLabel = new Map<string, number>();

  constructor(private readonly db: Database) {}

  /** Journals the event and, unless pending, the FDM's answer; returns the event's journal position and result. */
  async sign<M extends SignMutation>(
    mutation: M,
    data: SignMutationInputs[M],
    options: { isTraining?: boolean; outcome?: Outcome } = {},
  ): Promise<{ journalSeq: number; result: SignResult }> {
    const isTraining = options.isTraining ?? false;
    const outcome = options.outcome ?? 'signed';
    const label = labelFor(mutation, isTraining);
    const event = await enqueueFiscalEvent(
      this.db,
      {
        posId: data.posId,
        terminalId: data.terminalId,
        userId: data.employeeId,
        eventLabel: label,
        eventOperation: eventOperationOf[mutation],
        request: (no) => prepareSignRequest(mutation, { ...data, posFiscalTicketNo: no }, isTraining).body,
      },
      clock,
    );
    if (!event.ok) throw new Error(`enqueue refused: ${event.error.code}`);
    const checked = validateSignInput(mutation, data);
    if (!checked.ok)
      throw new Error(`test input for ${mutation} is invalid: ${JSON.stringify(checked.error)}`);
    if (outcome !== 'refused') this.total += 1;
    const eventCounter = (this.perLabel.get(label) ?? 0) + (outcome === 'refused' ? 0 : 1);
    this.perLabel.set(label, eventCounter);
    const result: SignResult = {
      posId: data.posId,
      posFiscalTicketNo: event.value.posFiscalTicketNo,
      posDateTime: data.posDateTime,
      posSwVersion: data.posSwVersion,
      terminalId: data.terminalId,
      deviceId: data.deviceId,
      eventOperation: eventOperationOf[mutation],
      fdmRef: {
        fdmId: 'FOD01000001',
        fdmDateTime: new Date(Date.parse(data.posDateTime)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        eventLabel: label,
        eventCounter,
        totalCounter: this.total,
      },
      fdmSwVersion: '2.0.0',
      digitalSignature: 'c2ln',
      vatCalc:
        mutation === 'signSale'
          ? computeVatCalc(checked.value.vatTotals).map((item) => ({
              label: item.label,
              rate: item.ratePercent,
              taxableAmount: centsToEuros(item.taxableCents),
              vatAmount: centsToEuros(item.vatCents),
              totalAmount: centsToEuros(item.totalCents),
              outOfScope: item.outOfScope,
            }))
          : null,
      bufferCapacityUsed: 0,
      footer: [],
    };
    if (outcome !== 'pending') {
      const answer =
        outcome === 'signed'
          ? { signResult: result, duplicate: false }
          : { data: null, errors: [{ message: 'refused', extensions: { code: 'INVALID_REQUEST' } }] };
      const recorded = await recordFiscalResult(
        this.db,
        {
          eventSeq: event.value.journalSeq,
          outcome: outcome === 'signed' ? 'signed' : 'refused',
          response: new TextEncoder().encode(JSON.stringify(answer)),
        },
        clock,
      );
      if (!recorded.ok) throw new Error(`result refused: ${recorded.error.code}`);
    }
    return { journalSeq: event.value.journalSeq, result };
  }
}
