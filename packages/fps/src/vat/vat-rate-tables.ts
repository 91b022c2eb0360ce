import { brusselsOffsetMinutes, checkBookingDate, defaultVatRates, err, ok, type Result } from '@gks/core';
import type { Kysely } from 'kysely';
import type { FpsSchema } from '../db/schema.js';
import type { Clock } from '../registry/registrations.js';

type Db = Kysely<FpsSchema>;

/** The labels the tax administration sets; X (out of scope) is fixed at 0 and never set. */
export const settableVatLabels = ['A', 'B', 'C', 'D'] as const;
export type SettableVatLabel = (typeof settableVatLabels)[number];

export interface VatRateEntry {
  readonly label: string;
  readonly ratePercent: number;
  readonly outOfScope: boolean;
}

export interface VatRateTable {
  /** Belgian calendar day (YYYY-MM-DD) from which the rates apply. */
  readonly from: string;
  /** A, B, C, D and the fixed X. */
  readonly rates: readonly VatRateEntry[];
}

export interface VatRateProblem {
  readonly code: 'INVALID';
  readonly field: string;
  readonly reason: string;
}

const invalid = (field: string, reason: string): Result<never, VatRateProblem> =>
  err({ code: 'INVALID', field, reason });

/** The Belgian calendar day of an instant: VAT rates change at midnight in Belgium. */
export function belgianDay(instant: Date): string {
  const local = new Date(instant.getTime() + brusselsOffsetMinutes(instant) * 60_000);
  return local.toISOString().slice(0, 10);
}

// A percentage with at most two decimals, as an operator types it: no sign, no exponent.
const percentText = /^(100|[0-9]{1,2})(\.[0-9]{1,2})?$/;

function percentOf(label: string, value: unknown): Result<number, VatRateProblem> {
  const field = `rates.${label}`;
  if (typeof value === 'string') {
    if (!percentText.test(value))
      return invalid(field, `a percentage 0 to 100 with at most 2 decimals, got '${value}'`);
    value = Number(value);
  }
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > 100 ||
    Math.abs(Math.round(value * 100) - value * 100) > 1e-9
  )
    return invalid(field, `a percentage 0 to 100 with at most 2 decimals, got ${String(value)}`);
  return ok(value);
}

/**
 * Checks a table: `from` a real calendar day, today or later (a rate never changes for tickets
 * already signed), and exactly the labels A, B, C and D, each a percentage 0..100 with at most
 * two decimals (Belgian rates are 21, 12, 6 and 0).
 */
export function checkVatRateTable(
  input: { from: unknown; rates: unknown },
  today: string,
): Result<VatRateTable, VatRateProblem> {
  if (typeof input.from !== 'string') return invalid('from', 'missing (YYYY-MM-DD)');
  const from = checkBookingDate(input.from);
  if (!from.ok) return invalid('from', from.error.reason);
  if (from.value < today) return invalid('from', `${from.value} is in the past (today is ${today})`);
  if (typeof input.rates !== 'object' || input.rates === null || Array.isArray(input.rates))
    return invalid('rates', 'one rate for each of A, B, C and D');
  const given = input.rates as Record<string, unknown>;
  for (const label of Object.keys(given))
    if (!(settableVatLabels as readonly string[]).includes(label))
      return invalid(`rates.${label}`, `not a label the FPS sets (only ${settableVatLabels.join(', ')})`);
  const rates: VatRateEntry[] = [];
  for (const label of settableVatLabels) {
    if (!(label in given)) return invalid(`rates.${label}`, 'missing: a table sets A, B, C and D together');
    const percent = percentOf(label, given[label]);
    if (!percent.ok) return percent;
    rates.push({ label, ratePercent: percent.value, outOfScope: false });
  }
  rates.push({ ...defaultVatRates.X });
  return ok({ from: from.value, rates });
}

/**
 * Appends a dated VAT-rate table. A table for a day that already has one supersedes it (the
 * newer row wins; both stay in the history).
 */
export async function setVatRates(
  db: Db,
  input: { from: unknown; rates: unknown; by: string },
  clock: Clock,
): Promise<Result<VatRateTable, VatRateProblem>> {
  const now = clock.now();
  const table = checkVatRateTable(input, belgianDay(now));
  if (!table.ok) return table;
  await db
    .insertInto('vat_rate_table')
    .values({
      valid_from: table.value.from,
      rates: JSON.stringify(table.value.rates),
      registered_at: now,
      registered_by: input.by,
    })
    .execute();
  return table;
}

/** The rates before any table was set: the defaults every FDM starts with. */
export const initialVatRateTable: VatRateTable = {
  from: '0000-01-01',
  rates: Object.values(defaultVatRates).map((r) => ({ ...r })),
};

/**
 * What an FDM needs on `today`: the table in force and the tables still to come, each the newest
 * row for its day, in date order.
 */
export async function vatRateSchedule(
  db: Db,
  today: string,
): Promise<{ inForce: VatRateTable; upcoming: VatRateTable[] }> {
  const rows = await db
    .selectFrom('vat_rate_table')
    .selectAll()
    .orderBy('valid_from')
    .orderBy('seq')
    .execute();
  const byDay = new Map<string, VatRateTable>();
  for (const row of rows)
    byDay.set(row.valid_from, { from: row.valid_from, rates: JSON.parse(row.rates) as VatRateEntry[] });
  let inForce = initialVatRateTable;
  const upcoming: VatRateTable[] = [];
  for (const table of byDay.values()) {
    if (table.from <= today) inForce = table;
    else upcoming.push(table);
  }
  return { inForce, upcoming };
}
