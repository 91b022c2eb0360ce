import { err, ok, type Result } from '../result/result.js';
import { isCircularVatCode } from '../vat/circular-vat-codes.js';
import { pluUnitValues, type PluUnit } from './fields.js';
import type { PluLine } from './plu-hash.js';

/** Why untrusted input (e.g. parsed JSON) is not a list of PLU lines; index/field null when it concerns the whole. */
export interface PluInputProblem {
  readonly index: number | null;
  readonly field: string | null;
  readonly reason: string;
}

const fields = ['quantity', 'unit', 'description', 'priceCents', 'vat'] as const;

/** Checks untrusted data as PLU lines, reporting every problem of every line, not only the first. */
export function parsePluLines(value: unknown): Result<PluLine[], PluInputProblem[]> {
  if (!Array.isArray(value)) {
    return err([{ index: null, field: null, reason: 'expected a JSON array of PLU lines' }]);
  }
  const lines: PluLine[] = [];
  const problems: PluInputProblem[] = [];
  value.forEach((item: unknown, index) => {
    const result = parsePluLine(item, index);
    if (result.ok) lines.push(result.value);
    else problems.push(...result.error);
  });
  return problems.length > 0 ? err(problems) : ok(lines);
}

function parsePluLine(item: unknown, index: number): Result<PluLine, PluInputProblem[]> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return err([
      { index, field: null, reason: 'expected an object {quantity, unit?, description, priceCents, vat}' },
    ]);
  }
  const record = item as Record<string, unknown>;
  const problems: PluInputProblem[] = [];
  const problem = (field: string, reason: string): void => void problems.push({ index, field, reason });

  for (const key of Object.keys(record)) {
    if (!(fields as readonly string[]).includes(key))
      problem(key, `unknown field; expected ${fields.join(', ')}`);
  }
  const { quantity, unit, description, priceCents, vat } = record;
  const unitValid = unit === undefined || (pluUnitValues as readonly unknown[]).includes(unit);
  if (!unitValid)
    problem('unit', `must be one of ${pluUnitValues.join(', ')} or absent (pieces), got ${describe(unit)}`);
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) {
    problem('quantity', `must be a finite number, got ${describe(quantity)}`);
  } else if (unitValid && (unit ?? 'piece') === 'piece' && !Number.isInteger(quantity)) {
    problem(
      'quantity',
      `must be a whole number of pieces, got ${quantity}; use unit kg or l for weight or volume`,
    );
  }
  if (typeof description !== 'string')
    problem('description', `must be a string, got ${describe(description)}`);
  if (typeof priceCents !== 'number' || !Number.isSafeInteger(priceCents)) {
    problem('priceCents', `must be an integer number of cents, got ${describe(priceCents)}`);
  }
  if (!isCircularVatCode(vat)) problem('vat', `must be one of A, B, C, D, got ${describe(vat)}`);

  if (problems.length > 0) return err(problems);
  const line: PluLine = {
    quantity: quantity as number,
    description: description as string,
    priceCents: priceCents as number,
    vat: vat as PluLine['vat'],
  };
  if (unit !== undefined) line.unit = unit as PluUnit;
  return ok(line);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const structured = typeof value === 'string' || typeof value === 'object' || typeof value === 'boolean';
  const text = (structured ? (JSON.stringify(value) as string | undefined) : undefined) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
