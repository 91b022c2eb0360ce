import { randomUUID } from 'node:crypto';
import { brusselsOffsetMinutes, ok, type Result } from '@gks/core';
import { appendJournalEntry, inTransaction, type Clock, type Database } from '../journal/journal.js';
import { posError, type PosError } from '../register/pos-error.js';

export interface BookingPeriod {
  /** Lower-case GUID, one per shift. */
  readonly bookingPeriodId: string;
  /** The accounting day, YYYY-MM-DD in Brussels time at opening. */
  readonly bookingDate: string;
  readonly openedAt: Date;
}

/** The Brussels calendar date of an instant. */
export function brusselsDate(instant: Date): string {
  return new Date(instant.getTime() + brusselsOffsetMinutes(instant) * 60_000).toISOString().slice(0, 10);
}

export async function currentBookingPeriod(db: Database): Promise<BookingPeriod | null> {
  const row = await db
    .selectFrom('booking_period')
    .leftJoin(
      'booking_period_close',
      'booking_period_close.booking_period_id',
      'booking_period.booking_period_id',
    )
    .select(['booking_period.booking_period_id', 'booking_period.booking_date', 'booking_period.opened_at'])
    .where('booking_period_close.booking_period_id', 'is', null)
    .orderBy('booking_period.opened_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? { bookingPeriodId: row.booking_period_id, bookingDate: row.booking_date, openedAt: row.opened_at }
    : null;
}

export async function openBookingPeriod(
  db: Database,
  by: { userId: string; terminalId: string | null },
  clock: Clock,
): Promise<Result<BookingPeriod, PosError>> {
  return inTransaction(db, async (trx) => {
    if (await currentBookingPeriod(trx))
      return posError('BOOKING_PERIOD_ALREADY_OPEN', 'a booking period is open: close it first');
    const openedAt = clock.now();
    const period = { bookingPeriodId: randomUUID(), bookingDate: brusselsDate(openedAt), openedAt };
    await trx
      .insertInto('booking_period')
      .values({
        booking_period_id: period.bookingPeriodId,
        booking_date: period.bookingDate,
        opened_at: openedAt,
        opened_by: by.userId,
      })
      .execute();
    const entry = await appendJournalEntry(
      trx,
      {
        kind: 'configuration_change',
        terminalId: by.terminalId,
        userId: by.userId,
        data: {
          bookingPeriod: 'open',
          bookingPeriodId: period.bookingPeriodId,
          bookingDate: period.bookingDate,
        },
      },
      clock,
    );
    if (!entry.ok) throw new Error(entry.error.code);
    return ok(period);
  });
}

export async function closeBookingPeriod(
  db: Database,
  by: { userId: string; terminalId: string | null },
  clock: Clock,
): Promise<Result<BookingPeriod, PosError>> {
  return inTransaction(db, async (trx) => {
    const period = await currentBookingPeriod(trx);
    if (!period) return posError('NO_OPEN_BOOKING_PERIOD', 'no booking period is open');
    await trx
      .insertInto('booking_period_close')
      .values({ booking_period_id: period.bookingPeriodId, closed_at: clock.now(), closed_by: by.userId })
      .execute();
    const entry = await appendJournalEntry(
      trx,
      {
        kind: 'configuration_change',
        terminalId: by.terminalId,
        userId: by.userId,
        data: { bookingPeriod: 'close', bookingPeriodId: period.bookingPeriodId },
      },
      clock,
    );
    if (!entry.ok) throw new Error(entry.error.code);
    return ok(period);
  });
}
