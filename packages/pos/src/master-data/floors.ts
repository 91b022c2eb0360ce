import { ok, type Result } from '@gks/core';
import { appendJournalEntry, inTransaction, type Clock, type Database } from '../journal/journal.js';
import { posError, type PosError } from '../register/pos-error.js';
import { checkDisplayText, checkId } from './display-text.js';

/** A room of the table plan (ground floor, terrace); the UI shows floors by position. */
export interface Floor {
  readonly floorId: string;
  readonly name: string;
  readonly position: number;
  /** A retired floor leaves the table plan; it is never deleted (the journal names it). */
  readonly active: boolean;
}

type By = { readonly userId: string; readonly terminalId: string | null };

export async function upsertFloor(
  db: Database,
  floor: Omit<Floor, 'active'> & { readonly active?: boolean },
  by: By,
  clock: Clock,
): Promise<Result<Floor, PosError>> {
  const floorId = checkId(floor.floorId, 'floorId');
  if (!floorId.ok) return floorId;
  const name = checkDisplayText(floor.name, 'name', 60);
  if (!name.ok) return name;
  if (!Number.isSafeInteger(floor.position) || floor.position < 0 || floor.position > 9999)
    return posError('BAD_INPUT', 'position must be 0..9999', { field: 'position' });
  if (floor.active !== undefined && typeof floor.active !== 'boolean')
    return posError('BAD_INPUT', 'active is true or false', { field: 'active' });
  return inTransaction(db, async (trx) => {
    const before = await findFloor(trx, floorId.value);
    // Omitted: a new floor is active, an existing one keeps its state.
    const stored: Floor = {
      floorId: floorId.value,
      name: name.value,
      position: floor.position,
      active: floor.active ?? before?.active ?? true,
    };
    if (!stored.active) {
      const placed = await trx
        .selectFrom('cost_center')
        .select('cost_center_id')
        .where('floor_id', '=', stored.floorId)
        .where('active', '=', true)
        .orderBy('cost_center_id')
        .execute();
      // Retiring the floor would hide places that are still in use: they move or retire first.
      if (placed.length > 0)
        return posError(
          'FLOOR_IN_USE',
          `floor ${stored.floorId} still holds ${placed.map((p) => p.cost_center_id).join(', ')}: move or retire them first`,
          { field: 'active' },
        );
    }
    const row = { name: stored.name, position: stored.position, active: stored.active };
    await trx
      .insertInto('floor')
      .values({ floor_id: stored.floorId, ...row })
      .onConflict((oc) => oc.column('floor_id').doUpdateSet(row))
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

const floorOf = (row: { floor_id: string; name: string; position: number; active: boolean }): Floor => ({
  floorId: row.floor_id,
  name: row.name,
  position: row.position,
  active: row.active,
});
