import { ok, type CostCenterType, type Result } from '@gks/core';
import {
  appendJournalEntry,
  inTransaction,
  isIdentifier,
  type Clock,
  type Database,
} from '../journal/journal.js';
import { posError, type PosError } from '../register/pos-error.js';

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
}

export async function upsertCostCenter(
  db: Database,
  costCenter: CostCenter,
  by: { userId: string; terminalId: string | null },
  clock: Clock,
): Promise<Result<CostCenter, PosError>> {
  if (!isIdentifier(costCenter.costCenterId) || costCenter.costCenterId.length > 40)
    return posError('BAD_INPUT', 'costCenterId must be 1..40 characters');
  if (typeof costCenter.name !== 'string' || costCenter.name.trim() === '' || costCenter.name.length > 100)
    return posError('BAD_INPUT', 'a cost center name is 1..100 characters');
  if (!(placeTypes as readonly string[]).includes(costCenter.type))
    return posError('BAD_INPUT', `type is one of ${placeTypes.join(', ')}`);
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto('cost_center')
      .values({ cost_center_id: costCenter.costCenterId, name: costCenter.name, type: costCenter.type })
      .onConflict((oc) =>
        oc.column('cost_center_id').doUpdateSet({ name: costCenter.name, type: costCenter.type }),
      )
      .execute();
    const entry = await appendJournalEntry(
      trx,
      {
        kind: 'master_data_change',
        terminalId: by.terminalId,
        userId: by.userId,
        data: { table: 'cost_center', ...costCenter },
      },
      clock,
    );
    if (!entry.ok) throw new Error(entry.error.code);
    return ok(costCenter);
  });
}

export async function listCostCenters(db: Database): Promise<CostCenter[]> {
  const rows = await db.selectFrom('cost_center').selectAll().orderBy('cost_center_id').execute();
  return rows.map((row) => ({
    costCenterId: row.cost_center_id,
    name: row.name,
    type: row.type as PlaceType,
  }));
}

export async function findCostCenter(db: Database, costCenterId: string): Promise<CostCenter | null> {
  const row = await db
    .selectFrom('cost_center')
    .selectAll()
    .where('cost_center_id', '=', costCenterId)
    .executeTakeFirst();
  return row ? { costCenterId: row.cost_center_id, name: row.name, type: row.type as PlaceType } : null;
}
