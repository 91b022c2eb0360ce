import { eventLabelValues, type EventLabel } from '../fdm-api/types.js';
import { err, ok, type Result } from '../result/result.js';
import { assertCounters } from './circular-labels.js';

export interface FdmReferenceCounters {
  eventLabel: EventLabel;
  eventCounter: number;
  totalCounter: number;
}

/** An FDM reference as printed, `N 16/52`: label, then this label's counter / all events' counter. */
export function formatFdmReference(ref: FdmReferenceCounters): string {
  if (!eventLabelValues.includes(ref.eventLabel))
    throw new RangeError(`unknown event label: ${String(ref.eventLabel)}`);
  assertCounters(ref.eventCounter, ref.totalCounter);
  return `${ref.eventLabel} ${ref.eventCounter}/${ref.totalCounter}`;
}

// Strict on purpose: exactly what formatFdmReference prints, so that parse and format round-trip.
const printed = /^([A-Z]) ([1-9][0-9]*)\/([1-9][0-9]*)$/;

export function parseFdmReference(text: string): Result<FdmReferenceCounters, { reason: string }> {
  const match = printed.exec(text);
  if (!match) {
    return err({
      reason: `not an FDM reference of the form "N 16/52" (label, space, counter/total): ${JSON.stringify(text)}`,
    });
  }
  const [, label = '', event = '', total = ''] = match;
  if (!(eventLabelValues as readonly string[]).includes(label)) {
    return err({ reason: `unknown event label "${label}": expected one of ${eventLabelValues.join(', ')}` });
  }
  const eventCounter = Number(event);
  const totalCounter = Number(total);
  if (!Number.isSafeInteger(eventCounter) || !Number.isSafeInteger(totalCounter)) {
    return err({ reason: `counter too large: ${JSON.stringify(text)}` });
  }
  if (eventCounter > totalCounter) {
    return err({ reason: `event counter ${eventCounter} cannot exceed total counter ${totalCounter}` });
  }
  return ok({ eventLabel: label as EventLabel, eventCounter, totalCounter });
}
