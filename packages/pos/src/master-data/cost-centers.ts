import { ok, type CostCenterType, type Result } from '@gks/core';
import {
  appendJournalEntry,
  inTransaction,
  isIdentifier,
  type Clock,
  type Database,
} from '../journal/journal.js';
import { posError, type PosError } from '../register/pos-error.js';
import { isPrintable } from './display-text.js';
import { openRegistrationSummaries } from '../register/registration-store.js';
import { findFloor } from './floors.js';

/** Places an order can wait at: tables, rooms, customer accounts (C-8 table management). */
export const placeTypes = [
  'TABLE',
  'CHAIR',
  'ROOM',
  'CUSTOMER',
  'ON_HOLD',
  'OTHER',
] as const satisfies readonly CostCenterType[];
export type PlaceType = (typeof placeTypes)[number];

export interface CostCenter {
  readonly costCenterId: string;
  readonly name: string;
  readonly type: PlaceType;
  /** The floor of the table plan it is drawn on; null: not on a floor (take-away, on hold). */
  readonly floorId?: string | null;
  /** A retired place leaves the table plan and takes no new order; it is never deleted. */
  readonly active?: boolean;
}

export async function upsertCostCenter(
  db: Database,
  costCenter: CostCenter,
  by: { userId: string; terminalId: string | null },
  clock: Clock,
): Promise<Result<CostCenter, PosError>> {
  if (!isIdentifier(costCenter.costCenterId) || costCenter.costCenterId.length > 40)
    return posError('BAD_INPUT', 'costCenterId must be 1..40 characters', { field: 'costCenterId' });
  if (typeof costCenter.name !== 'string' || costCenter.name.trim() === '' || costCenter.name.length > 100)
    return posError('BAD_INPUT', 'a cost center name is 1..100 characters', { field: 'name' });
  if (!(placeTypes as readonly string[]).includes(costCenter.type))
    return posError('BAD_INPUT', `type is one of ${placeTypes.join(', ')}`, { field: 'type' });
  if (!isPrintable(costCenter.name))
    return posError('BAD_INPUT', 'a cost center name holds only printable characters', { field: 'name' });
  if (costCenter.active !== undefined && typeof costCenter.active !== 'boolean')
    return posError('BAD_INPUT', 'active is true or false', { field: 'active' });
  const floorId = costCenter.floorId ?? null;
  return inTransaction(db, async (trx) => {
    // Omitted: a new place is active, an existing one keeps its state.
    const active = costCenter.active ?? (await findCostCenter(trx, costCenter.costCenterId))?.active ?? true;
    const stored: CostCenter = { ...costCenter, floorId, active };
    if (floorId !== null) {
      const floor = await findFloor(trx, floorId);
      if (!floor) return posError('FLOOR_UNKNOWN', `no floor ${floorId}`, { field: 'floorId' });
      if (!floor.active && active)
        return posError('FLOOR_RETIRED', `floor ${floorId} is retired`, { field: 'floorId' });
    }
    if (!active) {
      // An order waiting at a place that disappears from the plan would be lost to the waiters.
      const open = (await openRegistrationSummaries(trx, { costCenterId: costCenter.costCenterId })).map(
        (r) => r.registrationId,
      );
      if (open.length > 0)
        return posError(
          'PLACE_IN_USE',
          `${costCenter.costCenterId} has an open order (${open.join(', ')}): pay, move or cancel it first`,
          { field: 'active' },
        );
    }
    const row = { name: costCenter.name, type: costCenter.type, floor_id: floorId, active };
    await trx
      .insertInto('cost_center')
      .values({ cost_center_id: costCenter.costCenterId, ...row })
      .onConflict((oc) => oc.column('cost_center_id').doUpdateSet(row))
      .execute();
    const entry = await appendJournalEntry(
      trx,
      {
        kind: 'master_data_change',
        terminalId: by.terminalId,
        userId: by.userId,
        data: { table: 'cost_center', ...stored },
      },
      clock,
    );
    if (!entry.ok) throw new Error(entry.error.code);
    return ok(stored);
  });
}

export async function listCostCenters(db: Database): Promise<CostCenter[]> {
  const rows = await db.selectFrom('cost_center').selectAll().orderBy('cost_center_id').execute();
  return rows.map(costCenterOf);
}

export async function findCostCenter(db: Database, costCenterId: string): Promise<CostCenter | null> {
  const row = await db
    .selectFrom('cost_center')
    .selectAll()
    .where('cost_center_id', '=', costCenterId)
    .executeTakeFirst();
  return row ? costCenterOf(row) : null;
}

const costCenterOf = (row: {
  cost_center_id: string;
  name: string;
  type: string;
  floor_id: string | null;
  active: boolean;
}): CostCenter => ({
  costCenterId: row.cost_center_id,
  name: row.name,
  type: row.type as PlaceType,
  floorId: row.floor_id,
  active: row.active,
});
