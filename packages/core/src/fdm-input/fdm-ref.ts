import type { EventLabel, FdmReferenceInput } from '../fdm-api/types.js';
import { checkFdmDateTime, checkFdmId } from '../ids/index.js';
import { type Findings, member } from './findings.js';
import { checkFormat, expected } from './format.js';

const maxCounter = 2_147_483_647;

/** What a sale (refund), payment correction or invoice may reference; T: the training twin. */
export const saleLabels: readonly EventLabel[] = ['N', 'T'];
/** What a copy may reprint (fdm-v2.graphql: N, P, I or an R report), or a training event. */
export const copyableLabels: readonly EventLabel[] = ['N', 'P', 'I', 'R', 'T'];

/**
 * A reference to an earlier event, which the POS must copy unchanged from the FDM's answer.
 * `labels` are the event labels this reference may point at in its context. A training event
 * is signed with label T whatever it is, so T is allowed wherever a training POS may refer.
 */
export function checkFdmRef(
  findings: Findings,
  field: string,
  ref: FdmReferenceInput,
  labels: readonly EventLabel[],
): void {
  checkFormat(findings, 'INVALID_FDMREF', member(field, 'fdmId'), ref.fdmId, checkFdmId, expected.fdmId);
  checkFormat(
    findings,
    'INVALID_FDMREF',
    member(field, 'fdmDateTime'),
    ref.fdmDateTime,
    checkFdmDateTime,
    expected.fdmDateTime,
  );
  if (!labels.includes(ref.eventLabel)) {
    findings.add(
      'INVALID_FDMREF',
      member(field, 'eventLabel'),
      `${field}.eventLabel is ${String(ref.eventLabel)}; here it must be ${labels.join(' or ')}.`,
    );
  }
  const eventOk = checkCounter(findings, member(field, 'eventCounter'), ref.eventCounter);
  const totalOk = checkCounter(findings, member(field, 'totalCounter'), ref.totalCounter);
  if (eventOk && totalOk && ref.eventCounter > ref.totalCounter) {
    findings.add(
      'INVALID_FDMREF',
      member(field, 'eventCounter'),
      `${field}.eventCounter (${ref.eventCounter}) cannot exceed totalCounter (${ref.totalCounter}): the total counts every event.`,
    );
  }
}

function checkCounter(findings: Findings, field: string, value: number): boolean {
  if (Number.isInteger(value) && value >= 1 && value <= maxCounter) return true;
  findings.add(
    'INVALID_FDMREF',
    field,
    `${field} must be an integer from 1 to ${maxCounter}, got ${String(value)}.`,
  );
  return false;
}
