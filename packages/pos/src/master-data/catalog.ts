import {
  ok,
  quantityTypeValues,
  vatLabelValues,
  type QuantityType,
  type Result,
  type VatLabel,
} from '@gks/core';
import {
  appendJournalEntry,
  inTransaction,
  isIdentifier,
  type Clock,
  type Database,
} from '../journal/journal.js';
import { posError, type PosError } from '../register/pos-error.js';

export interface Department {
  readonly departmentId: string;
  readonly name: string;
}

/** Units the register sells in; LITRE is the schema's spelling kept for litres. */
export const productQuantityTypes = ['PIECE', 'KILOGRAM', 'LITRE'] as const satisfies readonly QuantityType[];
export type ProductQuantityType = (typeof productQuantityTypes)[number];

export interface Product {
  readonly productId: string;
  readonly name: string;
  readonly departmentId: string;
  readonly departmentName: string;
  /** Unit price including VAT, in cents. */
  readonly unitPriceCents: number;
  readonly vatLabel: VatLabel;
  readonly quantityType: ProductQuantityType;
  readonly active: boolean;
}

export type ProductInput = Omit<Product, 'departmentName' | 'active'> & { readonly active?: boolean };

type By = { readonly userId: string; readonly terminalId: string | null };

const isName = (v: unknown): v is string =>
  typeof v === 'string' && v.trim() === v && v.length >= 1 && v.length <= 100;

export async function upsertDepartment(
  db: Database,
  department: Department,
  by: By,
  clock: Clock,
): Promise<Result<Department, PosError>> {
  if (!isIdentifier(department.departmentId) || department.departmentId.length > 40)
    return posError('BAD_INPUT', 'departmentId must be 1..40 characters');
  if (!isName(department.name)) return posError('BAD_INPUT', 'a department name is 1..100 characters');
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('department')
      .selectAll()
      .where('department_id', '=', department.departmentId)
      .executeTakeFirst();
    await trx
      .insertInto('department')
      .values({ department_id: department.departmentId, name: department.name })
      .onConflict((oc) => oc.column('department_id').doUpdateSet({ name: department.name }))
      .execute();
    await journal(trx, 'master_data_change', by, clock, {
      table: 'department',
      departmentId: department.departmentId,
      before: before ? { name: before.name } : null,
      after: { name: department.name },
    });
    return ok(department);
  });
}

/**
 * Creates or changes a product. A price or VAT change is journaled as `price_change`. Lines
 * already registered keep the settings they were registered with (C-34).
 */
export async function upsertProduct(
  db: Database,
  product: ProductInput,
  by: By,
  clock: Clock,
): Promise<Result<Product, PosError>> {
  if (!isIdentifier(product.productId) || product.productId.length > 40)
    return posError('BAD_INPUT', 'productId must be 1..40 characters');
  if (!isName(product.name)) return posError('BAD_INPUT', 'a product name is 1..100 characters');
  if (
    !Number.isSafeInteger(product.unitPriceCents) ||
    product.unitPriceCents < 0 ||
    product.unitPriceCents > 10_000_000
  )
    return posError('BAD_INPUT', 'the unit price is 0 to 100,000.00 euro in whole cents');
  if (!(vatLabelValues as readonly string[]).includes(product.vatLabel))
    return posError('BAD_INPUT', 'the VAT label is A, B, C, D or X');
  if (
    !(productQuantityTypes as readonly string[]).includes(product.quantityType) ||
    !(quantityTypeValues as readonly string[]).includes(product.quantityType)
  )
    return posError('BAD_INPUT', `the quantity type is one of ${productQuantityTypes.join(', ')}`);
  return inTransaction(db, async (trx) => {
    const department = await trx
      .selectFrom('department')
      .selectAll()
      .where('department_id', '=', product.departmentId)
      .executeTakeFirst();
    if (!department) return posError('UNKNOWN_DEPARTMENT', `no department ${product.departmentId}`);
    const before = await trx
      .selectFrom('product')
      .selectAll()
      .where('product_id', '=', product.productId)
      .executeTakeFirst();
    const row = {
      product_id: product.productId,
      name: product.name,
      department_id: product.departmentId,
      unit_price_cents: product.unitPriceCents,
      vat_label: product.vatLabel,
      quantity_type: product.quantityType,
      active: product.active ?? true,
    };
    const { product_id: _key, ...changes } = row;
    await trx
      .insertInto('product')
      .values(row)
      .onConflict((oc) => oc.column('product_id').doUpdateSet(changes))
      .execute();
    const priceChanged =
      before !== undefined &&
      (before.unit_price_cents !== row.unit_price_cents || before.vat_label !== row.vat_label);
    await journal(trx, priceChanged ? 'price_change' : 'master_data_change', by, clock, {
      table: 'product',
      productId: product.productId,
      before: before
        ? {
            name: before.name,
            departmentId: before.department_id,
            unitPriceCents: before.unit_price_cents,
            vatLabel: before.vat_label,
            quantityType: before.quantity_type,
            active: before.active,
          }
        : null,
      after: {
        name: row.name,
        departmentId: row.department_id,
        unitPriceCents: row.unit_price_cents,
        vatLabel: row.vat_label,
        quantityType: row.quantity_type,
        active: row.active,
      },
    });
    return ok({ ...product, departmentName: department.name, active: row.active });
  });
}

export async function listDepartments(db: Database): Promise<Department[]> {
  const rows = await db.selectFrom('department').selectAll().orderBy('department_id').execute();
  return rows.map((row) => ({ departmentId: row.department_id, name: row.name }));
}

export async function listProducts(
  db: Database,
  options: { includeInactive?: boolean } = {},
): Promise<Product[]> {
  let query = db
    .selectFrom('product')
    .innerJoin('department', 'department.department_id', 'product.department_id')
    .selectAll('product')
    .select('department.name as department_name')
    .orderBy('product.product_id');
  if (!options.includeInactive) query = query.where('product.active', '=', true);
  return (await query.execute()).map(productOf);
}

/** Several products in one query (the lines of one request), by id; unknown ids are absent. */
export async function findProducts(
  db: Database,
  productIds: readonly unknown[],
): Promise<Map<string, Product>> {
  const ids = [...new Set(productIds.filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('product')
    .innerJoin('department', 'department.department_id', 'product.department_id')
    .selectAll('product')
    .select('department.name as department_name')
    .where('product.product_id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.product_id, productOf(row)]));
}

function productOf(row: {
  product_id: string;
  name: string;
  department_id: string;
  department_name: string;
  unit_price_cents: number;
  vat_label: string;
  quantity_type: string;
  active: boolean;
}): Product {
  return {
    productId: row.product_id,
    name: row.name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    unitPriceCents: row.unit_price_cents,
    vatLabel: row.vat_label as VatLabel,
    quantityType: row.quantity_type as ProductQuantityType,
    active: row.active,
  };
}

async function journal(
  db: Database,
  kind: 'master_data_change' | 'price_change',
  by: By,
  clock: Clock,
  data: Parameters<typeof appendJournalEntry>[1]['data'],
): Promise<void> {
  const entry = await appendJournalEntry(
    db,
    { kind, terminalId: by.terminalId, userId: by.userId, data },
    clock,
  );
  if (!entry.ok) throw new Error(`master data change not journaled: ${entry.error.code}`);
}
