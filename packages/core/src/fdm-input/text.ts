import type { Findings } from './findings.js';
import { limits } from './limits.js';
import type { FdmInputSubCode } from './sub-codes.js';

const hasOuterWhitespace = (value: string): boolean => value.trim() !== value;

/**
 * A required free-text field (name, id of a payment method, department ...): not blank and at
 * most `max` characters. Returns whether it passed.
 */
export function checkText(
  findings: Findings,
  field: string,
  value: string,
  max: number = limits.maxTextLength,
): boolean {
  if (typeof value !== 'string' || value.trim() === '') {
    findings.add('EMPTY_VALUE', field, `${field} must not be empty.`);
    return false;
  }
  if (value.length > max) {
    findings.add(
      'VALUE_TOO_LONG',
      field,
      `${field} has ${value.length} characters; at most ${max} are allowed.`,
    );
    return false;
  }
  return true;
}

/** An optional free-text field: absent is fine, present follows checkText. */
export function checkOptionalText(
  findings: Findings,
  field: string,
  value: string | null | undefined,
  max: number = limits.maxTextLength,
): void {
  if (value !== null && value !== undefined) checkText(findings, field, value, max);
}

/**
 * An identifier the schema bounds by length and forbids outer whitespace in (posSwVersion,
 * deviceId, terminalId, gtin): one sub-code for every way it can be wrong.
 */
export function checkTrimmedText(
  findings: Findings,
  subCode: FdmInputSubCode,
  field: string,
  value: string,
  max: number,
): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    const length = typeof value === 'string' ? value.length : 0;
    findings.add(subCode, field, `${field} must have 1 to ${max} characters, got ${length}.`);
    return false;
  }
  if (hasOuterWhitespace(value)) {
    findings.add(subCode, field, `${field} must not start or end with whitespace.`);
    return false;
  }
  return true;
}
