import type { CostCenterInput } from '../fdm-api/types.js';
import { type Findings, member } from './findings.js';
import { limits } from './limits.js';

/**
 * A cost center and its parents: id and reference not blank and of sane length, nesting
 * bounded (walked with a loop, so a hostile depth costs nothing).
 */
export function checkCostCenter(
  findings: Findings,
  field: string,
  costCenter: CostCenterInput | null | undefined,
): void {
  let node = costCenter;
  let path = field;
  for (let depth = 1; node !== null && node !== undefined; depth += 1) {
    if (depth > limits.maxCostCenterDepth) {
      findings.add(
        'INVALID_COSTCENTER',
        path,
        `Cost centers may be nested at most ${limits.maxCostCenterDepth} levels deep.`,
      );
      return;
    }
    checkPart(findings, member(path, 'id'), node.id);
    checkPart(findings, member(path, 'reference'), node.reference);
    node = node.costCenter;
    path = member(path, 'costCenter');
  }
}

function checkPart(findings: Findings, field: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    findings.add('INVALID_COSTCENTER', field, `${field} must not be empty.`);
  } else if (value.length > limits.maxTextLength) {
    findings.add(
      'VALUE_TOO_LONG',
      field,
      `${field} has ${value.length} characters; at most ${limits.maxTextLength} are allowed.`,
    );
  }
}

/** Where the notes make a cost center mandatory (order, transfer items). */
export function requireCostCenter(
  findings: Findings,
  field: string,
  costCenter: CostCenterInput | null | undefined,
  why: string,
): void {
  if (costCenter === null || costCenter === undefined) {
    findings.add('MISSING_COSTCENTER', field, `${field} is required: ${why}.`);
  } else {
    checkCostCenter(findings, field, costCenter);
  }
}
