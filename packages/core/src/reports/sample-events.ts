/**
 * Test support: signed events as an FDM would answer them (counters, times, vatCalc by the
 * FDM's rule), built from the FOD sample inputs. Not exported from the package.
 */
import type { SignMutation, SignMutationInputs, SignResult } from '../fdm-api/types.js';
import { fodBase } from '../fdm-input/fod-samples.js';
import { validateSignInput } from '../fdm-input/validate-sign-input.js';
import { eventLabelOf, eventOperationOf, labelFor } from '../labels/event-labels.js';
import { centsToEuros } from '../money/money.js';
import { computeVatCalc } from '../vat/vat-calc.js';
import type { SignedEvent } from './period-events.js';

export const fdmId = 'FOD01000001';

/** posDateTime of minute `n` after 10:00 on 12 June 2025, Brussels summer time. */
export function posTime(n: number): string {
  const minutes = 10 * 60 + n;
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `2025-06-12T${hh}:${mm}:00+02:00`;
}

/**
 * Signs events in order like an FDM: one total counter, one counter per label. Each event is
 * made a minute after the previous one unless a posDateTime is given.
 */
export class EventLog {
  readonly events: SignedEvent[] = [];
  private total = 40;
  private readonly perLabel = new Map<string, number>();

  sign<M extends SignMutation>(
    mutation: M,
    request: SignMutationInputs[M],
    isTraining = false,
    posDateTime: string = posTime(this.total - 39),
  ): SignedEvent {
    this.total += 1;
    const label = labelFor(mutation, isTraining);
    const eventCounter = (this.perLabel.get(label) ?? 0) + 1;
    this.perLabel.set(label, eventCounter);
    const data = {
      ...request,
      posDateTime,
      posFiscalTicketNo: this.total,
    } as SignMutationInputs[M];
    const checked = validateSignInput(mutation, data);
    if (!checked.ok) throw new Error(`sample ${mutation} is invalid: ${JSON.stringify(checked.error)}`);
    const at = new Date(Date.parse(data.posDateTime) + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const vatCalc =
      eventLabelOf[mutation] === 'N'
        ? computeVatCalc(checked.value.vatTotals).map((item) => ({
            label: item.label,
            rate: item.ratePercent,
            taxableAmount: centsToEuros(item.taxableCents),
            vatAmount: centsToEuros(item.vatCents),
            totalAmount: centsToEuros(item.totalCents),
            outOfScope: item.outOfScope,
          }))
        : null;
    const result: SignResult = {
      posId: data.posId,
      posFiscalTicketNo: data.posFiscalTicketNo,
      posDateTime: data.posDateTime,
      posSwVersion: data.posSwVersion,
      terminalId: data.terminalId,
      deviceId: data.deviceId,
      eventOperation: eventOperationOf[mutation],
      fdmRef: { fdmId, fdmDateTime: at, eventLabel: label, eventCounter, totalCounter: this.total },
      fdmSwVersion: '2.0.0',
      digitalSignature: 'c2lnbmF0dXJl',
      shortSignature: '',
      verificationUrl: '',
      vatCalc,
      bufferCapacityUsed: 0,
      footer: [],
    };
    const event = { mutation, isTraining, request: data, result } as SignedEvent;
    this.events.push(event);
    return event;
  }
}

/** The common block of a report request, as the signing pipeline would add it. */
export const reportCommon = { ...fodBase, employeeId: '00000000029', ticketMedium: 'DIGITAL' } as const;
