import { ok, type Result } from '@gks/core';
import { appendJournalEntry, inTransaction, type Clock, type Database } from '../journal/journal.js';
import { posError, type PosError } from '../register/pos-error.js';
import { checkDisplayText, checkId } from './display-text.js';

/** A room of the table plan (ground floor, terrace); the UI shows floors by position. */
export interface Floor {
  readonly floorId: string;
  readonly name: string;
  readonly position: number;
}

type By = { readonly userId: string; readonly terminalId: string | null };

export async function upsertFloor(
  db: Database,
  floor: Floor,
  by: By,
  clock: Clock,
): Promise<Result<Floor, PosError>> {
  const floorId = checkId(floor.floorId, 'floorId');
  if (!floorId.ok) return floorId;
  const name = checkDisplayText(floor.name, 'name', 60);
  if (!name.ok) return name;
  if (!Number.isSafeInteger(floor.position) || floor.position < 0 || floor.position > 9999)
    return posError('BAD_INPUT', 'position must be 0..9999', { field: 'position' });
  const stored: Floor = { floorId: floorId.value, name: name.value, position: floor.position };
  return inTransaction(db, async (trx) => {
    const before = await findFloor(trx, stored.floorId);
    await trx
      .insertInto('floor')
      .values({ floor_id: stored.floorId, name: stored.name, position: stored.position })
      .onConflict((oc) => oc.column('floor_id').doUpdateSet({ name: stored.name, position: stored.position }))
      .execute();
    const entry = await appendJournalEntry(
      trx,
      {
        kind: 'master_data_change',
        terminalId: by.terminalId,
        userId: by.userId,
        data: {
          table: 'floor',
          change: before ? 'update' : 'create',
          before: before ? { ...before } : null,
          after: { ...stored },
        },
      },
      clock,
    );
    if (!entry.ok) throw new Error(entry.error.code);
    return ok(stored);
  });
}

export async function listFloors(db: Database): Promise<Floor[]> {
  const rows = await db.selectFrom('floor').selectAll().orderBy('position').orderBy('floor_id').execute();
  return rows.map(floorOf);
}

export async function findFloor(db: Database, floorId: string): Promise<Floor | null> {
  const row = await db.selectFrom('floor').selectAll().where('floor_id', '=', floorId).executeTakeFirst();
  return row ? floorOf(row) : null;
}

const floorOf = (row: { floor_id: string; name: string; position: number }): Floor => ({
  floorId: row.floor_id,
  name: row.name,
  position: row.position,
});
