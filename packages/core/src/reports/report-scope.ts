import type { FdmDeviceInput, PosDeviceInput } from '../fdm-api/types.js';
import type { ProblemList, SignedEvent } from './period-events.js';
import type { FdmPeriod, RegisterPeriod, ReportScope } from './report-model.js';

interface Timed {
  readonly text: string;
  readonly ms: number;
}

/**
 * The registers and FDMs a report covers (C-48 "register(s) covered", posDevices and
 * fdmDevices), each with its first and last event, in order of first appearance. Times compare
 * as instants, so events from either side of a DST change order correctly.
 */
export function reportScope(events: readonly SignedEvent[], problems: ProblemList): ReportScope {
  const registers = new Map<string, { posId: string; terminalId: string; first: Timed; last: Timed }>();
  const fdms = new Map<string, { fdmId: string; first: FdmPoint; last: FdmPoint }>();
  let from: Timed | null = null;
  let to: Timed | null = null;
  for (const [index, event] of events.entries()) {
    const { posId, terminalId, posDateTime } = event.request;
    const time = { text: posDateTime, ms: problems.instant(posDateTime, index, 'posDateTime') };
    if (from === null || time.ms < from.ms) from = time;
    if (to === null || time.ms > to.ms) to = time;
    const key = JSON.stringify([posId, terminalId]);
    const register = registers.get(key);
    if (register === undefined) registers.set(key, { posId, terminalId, first: time, last: time });
    else {
      if (time.ms < register.first.ms) register.first = time;
      if (time.ms > register.last.ms) register.last = time;
    }
    const ref = event.result.fdmRef;
    const point = { dateTime: ref.fdmDateTime, totalCounter: ref.totalCounter };
    const fdm = fdms.get(ref.fdmId);
    if (fdm === undefined) fdms.set(ref.fdmId, { fdmId: ref.fdmId, first: point, last: point });
    else {
      if (point.totalCounter < fdm.first.totalCounter) fdm.first = point;
      if (point.totalCounter > fdm.last.totalCounter) fdm.last = point;
    }
  }
  return {
    from: from?.text ?? null,
    to: to?.text ?? null,
    registers: [...registers.values()].map((r): RegisterPeriod => ({
      posId: r.posId,
      terminalId: r.terminalId,
      firstPosDateTime: r.first.text,
      lastPosDateTime: r.last.text,
    })),
    fdms: [...fdms.values()].map((f): FdmPeriod => ({
      fdmId: f.fdmId,
      firstFdmDateTime: f.first.dateTime,
      firstTotalCounter: f.first.totalCounter,
      lastFdmDateTime: f.last.dateTime,
      lastTotalCounter: f.last.totalCounter,
    })),
  };
}

interface FdmPoint {
  readonly dateTime: string;
  readonly totalCounter: number;
}

export const posDevicesOf = (scope: ReportScope): PosDeviceInput[] => scope.registers.map((r) => ({ ...r }));

export const fdmDevicesOf = (scope: ReportScope): FdmDeviceInput[] => scope.fdms.map((f) => ({ ...f }));
