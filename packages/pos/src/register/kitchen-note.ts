import { ok, type Result } from '@gks/core';
import { checkDisplayText } from '../master-data/display-text.js';
import type { PosError } from './pos-error.js';

export const maxKitchenNoteLength = 140;

/**
 * A cooking instruction on an order line ("no onions"): 1..140 printable characters after trim,
 * or none. It is not part of the fiscal line (no PLU, no VAT ticket): only the order screen and
 * the kitchen ticket show it.
 */
export function checkKitchenNote(value: unknown, field: string): Result<string | null, PosError> {
  if (value === undefined || value === null) return ok(null);
  return checkDisplayText(value, field, maxKitchenNoteLength);
}
