import { createHash, randomBytes } from 'node:crypto';
import {
  checkEstNo,
  checkFdmId,
  checkPosId,
  checkPosProductionNo,
  checkVatNo,
  err,
  ok,
  type Result,
} from '@gks/core';
import type { Kysely } from 'kysely';
import type { FpsSchema } from '../db/schema.js';

export interface Clock {
  now(): Date;
}

export interface RegistrationProblem {
  readonly code: 'INVALID' | 'UNKNOWN_OPERATOR' | 'UNKNOWN_FDM' | 'UNKNOWN_ESTABLISHMENT';
  readonly field?: string;
  readonly reason: string;
}

export interface Operator {
  readonly vatNo: string;
  readonly name: string;
  readonly estNos: readonly string[];
  readonly registeredAt: Date;
}

export interface PosRegistration {
  readonly productionNo: string;
  readonly posId: string | null;
  readonly producer: string;
  readonly deliveredToVatNo: string | null;
  readonly registeredAt: Date;
}

export interface FdmRegistration {
  readonly fdmId: string;
  readonly ownerVatNo: string;
  readonly estNo: string;
  readonly allowedPosIds: readonly string[];
  readonly biiEnabled: boolean;
  readonly biiReason: string | null;
  readonly registeredAt: Date;
}

type Db = Kysely<FpsSchema>;

const invalid = (field: string, reason: string): Result<never, RegistrationProblem> =>
  err({ code: 'INVALID', field, reason });

function checked(
  field: string,
  value: unknown,
  check: (v: string) => Result<string, { reason: string }>,
): Result<string, RegistrationProblem> {
  if (typeof value !== 'string') return invalid(field, 'missing');
  const result = check(value);
  return result.ok ? ok(result.value) : invalid(field, result.error.reason);
}

const text = (field: string, value: unknown, max = 200): Result<string, RegistrationProblem> =>
  typeof value === 'string' &&
  value.trim().length > 0 &&
  value.length <= max &&
  ![...value].some((c) => c.charCodeAt(0) < 0x20)
    ? ok(value.trim())
    : invalid(field, `1 to ${max} printable characters`);

/** Registers an operator or records a change of it (a new row; history stays). */
export async function registerOperator(
  db: Db,
  input: { vatNo: unknown; name: unknown; estNos: unknown; by: string },
  clock: Clock,
): Promise<Result<Operator, RegistrationProblem>> {
  const vatNo = checked('vatNo', input.vatNo, checkVatNo);
  if (!vatNo.ok) return vatNo;
  const name = text('name', input.name);
  if (!name.ok) return name;
  if (!Array.isArray(input.estNos) || input.estNos.length === 0)
    return invalid('estNos', 'at least one establishment number');
  const estNos: string[] = [];
  for (const [i, estNo] of (input.estNos as unknown[]).entries()) {
    const e = checked(`estNos[${i}]`, estNo, checkEstNo);
    if (!e.ok) return e;
    if (!estNos.includes(e.value)) estNos.push(e.value);
  }
  const registeredAt = clock.now();
  await db
    .insertInto('operator_registration')
    .values({
      vat_no: vatNo.value,
      name: name.value,
      est_nos: JSON.stringify(estNos),
      registered_at: registeredAt,
      registered_by: input.by,
    })
    .execute();
  return ok({ vatNo: vatNo.value, name: name.value, estNos, registeredAt });
}

export async function currentOperator(db: Db, vatNo: string): Promise<Operator | null> {
  const row = await db
    .selectFrom('operator_registration')
    .selectAll()
    .where('vat_no', '=', vatNo)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? operatorOf(row) : null;
}

export async function operatorHistory(db: Db, vatNo: string): Promise<Operator[]> {
  const rows = await db
    .selectFrom('operator_registration')
    .selectAll()
    .where('vat_no', '=', vatNo)
    .orderBy('seq')
    .execute();
  return rows.map(operatorOf);
}

const operatorOf = (row: {
  vat_no: string;
  name: string;
  est_nos: string;
  registered_at: Date;
}): Operator => ({
  vatNo: row.vat_no,
  name: row.name,
  estNos: JSON.parse(row.est_nos) as string[],
  registeredAt: new Date(row.registered_at),
});

/** C-13/14: a POS production number, its producer and (when known) the operator it went to. */
export async function registerPos(
  db: Db,
  input: {
    productionNo: unknown;
    posId?: unknown;
    producer: unknown;
    deliveredToVatNo?: unknown;
    by: string;
  },
  clock: Clock,
): Promise<Result<PosRegistration, RegistrationProblem>> {
  const productionNo = checked('productionNo', input.productionNo, checkPosProductionNo);
  if (!productionNo.ok) return productionNo;
  let posId: string | null = null;
  if (input.posId !== undefined && input.posId !== null) {
    const p = checked('posId', input.posId, checkPosId);
    if (!p.ok) return p;
    posId = p.value;
  }
  const producer = text('producer', input.producer);
  if (!producer.ok) return producer;
  let deliveredToVatNo: string | null = null;
  if (input.deliveredToVatNo !== undefined && input.deliveredToVatNo !== null) {
    const v = checked('deliveredToVatNo', input.deliveredToVatNo, checkVatNo);
    if (!v.ok) return v;
    if (!(await currentOperator(db, v.value)))
      return err({
        code: 'UNKNOWN_OPERATOR',
        field: 'deliveredToVatNo',
        reason: `${v.value} is not registered`,
      });
    deliveredToVatNo = v.value;
  }
  const registeredAt = clock.now();
  await db
    .insertInto('pos_registration')
    .values({
      production_no: productionNo.value,
      pos_id: posId,
      producer: producer.value,
      delivered_to_vat_no: deliveredToVatNo,
      registered_at: registeredAt,
      registered_by: input.by,
    })
    .execute();
  return ok({
    productionNo: productionNo.value,
    posId,
    producer: producer.value,
    deliveredToVatNo,
    registeredAt,
  });
}

export async function posHistory(db: Db, productionNo: string): Promise<PosRegistration[]> {
  const rows = await db
    .selectFrom('pos_registration')
    .selectAll()
    .where('production_no', '=', productionNo)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
    productionNo: row.production_no,
    posId: row.pos_id,
    producer: row.producer,
    deliveredToVatNo: row.delivered_to_vat_no,
    registeredAt: new Date(row.registered_at),
  }));
}

/**
 * C-58: an FDM and its owner, at one of the owner's establishments, with the POS allowed to sign
 * on it; A-5: the bridge stays off unless asked for, with the operator's reason. Re-registering
 * records a change (new owner, allow-list, bridge use) as a new row.
 */
export async function registerFdm(
  db: Db,
  input: {
    fdmId: unknown;
    ownerVatNo: unknown;
    estNo: unknown;
    allowedPosIds: unknown;
    biiEnabled?: unknown;
    biiReason?: unknown;
    by: string;
  },
  clock: Clock,
): Promise<Result<FdmRegistration, RegistrationProblem>> {
  const fdmId = checked('fdmId', input.fdmId, checkFdmId);
  if (!fdmId.ok) return fdmId;
  const owner = checked('ownerVatNo', input.ownerVatNo, checkVatNo);
  if (!owner.ok) return owner;
  const estNo = checked('estNo', input.estNo, checkEstNo);
  if (!estNo.ok) return estNo;
  const operator = await currentOperator(db, owner.value);
  if (!operator)
    return err({ code: 'UNKNOWN_OPERATOR', field: 'ownerVatNo', reason: `${owner.value} is not registered` });
  if (!operator.estNos.includes(estNo.value))
    return err({
      code: 'UNKNOWN_ESTABLISHMENT',
      field: 'estNo',
      reason: `${estNo.value} is not an establishment of ${owner.value}`,
    });
  if (!Array.isArray(input.allowedPosIds)) return invalid('allowedPosIds', 'a list of posIds');
  const allowedPosIds: string[] = [];
  for (const [i, posId] of (input.allowedPosIds as unknown[]).entries()) {
    const p = checked(`allowedPosIds[${i}]`, posId, checkPosId);
    if (!p.ok) return p;
    if (!allowedPosIds.includes(p.value)) allowedPosIds.push(p.value);
  }
  const biiEnabled = input.biiEnabled ?? false;
  if (typeof biiEnabled !== 'boolean') return invalid('biiEnabled', 'true or false');
  let biiReason: string | null = null;
  if (biiEnabled) {
    // only at the operator's request, for a fully cloud-based POS; say why.
    const reason = text('biiReason', input.biiReason);
    if (!reason.ok)
      return invalid('biiReason', "the operator's request (A-5) is required to enable the bridge");
    biiReason = reason.value;
  }
  const registeredAt = clock.now();
  await db
    .insertInto('fdm_registration')
    .values({
      fdm_id: fdmId.value,
      owner_vat_no: owner.value,
      est_no: estNo.value,
      allowed_pos_ids: JSON.stringify(allowedPosIds),
      bii_enabled: biiEnabled,
      bii_reason: biiReason,
      registered_at: registeredAt,
      registered_by: input.by,
    })
    .execute();
  return ok({
    fdmId: fdmId.value,
    ownerVatNo: owner.value,
    estNo: estNo.value,
    allowedPosIds,
    biiEnabled,
    biiReason,
    registeredAt,
  });
}

type FdmRow = {
  fdm_id: string;
  owner_vat_no: string;
  est_no: string;
  allowed_pos_ids: string;
  bii_enabled: boolean;
  bii_reason: string | null;
  registered_at: Date;
};

const fdmOf = (row: FdmRow): FdmRegistration => ({
  fdmId: row.fdm_id,
  ownerVatNo: row.owner_vat_no,
  estNo: row.est_no,
  allowedPosIds: JSON.parse(row.allowed_pos_ids) as string[],
  biiEnabled: row.bii_enabled,
  biiReason: row.bii_reason,
  registeredAt: new Date(row.registered_at),
});

export async function currentFdm(db: Db, fdmId: string): Promise<FdmRegistration | null> {
  const row = await db
    .selectFrom('fdm_registration')
    .selectAll()
    .where('fdm_id', '=', fdmId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? fdmOf(row) : null;
}

export async function fdmHistory(db: Db, fdmId: string): Promise<FdmRegistration[]> {
  const rows = await db
    .selectFrom('fdm_registration')
    .selectAll()
    .where('fdm_id', '=', fdmId)
    .orderBy('seq')
    .execute();
  return rows.map(fdmOf);
}

/** every FDM whose current registration has the bridge on. */
export async function fdmsUsingBridge(db: Db): Promise<FdmRegistration[]> {
  const rows = await db
    .selectFrom('fdm_registration as r')
    .selectAll()
    .where('r.seq', 'in', (eb) =>
      eb
        .selectFrom('fdm_registration')
        .select((e) => e.fn.max('seq').as('seq'))
        .groupBy('fdm_id'),
    )
    .where('r.bii_enabled', '=', true)
    .orderBy('r.fdm_id')
    .execute();
  return rows.map(fdmOf);
}

const hashCode = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

/** A one-time activation code for a registered FDM: shown once, only its hash is kept. */
export async function issueActivationCode(
  db: Db,
  fdmId: string,
  clock: Clock,
  validHours = 72,
): Promise<Result<{ code: string; expiresAt: Date }, RegistrationProblem>> {
  if (!(await currentFdm(db, fdmId)))
    return err({ code: 'UNKNOWN_FDM', field: 'fdmId', reason: `${fdmId} is not registered` });
  const code = randomBytes(15)
    .toString('base64url')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, 'X')
    .slice(0, 20);
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + validHours * 3_600_000);
  await db
    .insertInto('activation_code')
    .values({ code_hash: hashCode(code), fdm_id: fdmId, created_at: now, expires_at: expiresAt })
    .execute();
  return ok({ code, expiresAt });
}

export type ActivationProblem = 'UNKNOWN_CODE' | 'EXPIRED' | 'ALREADY_USED' | 'OTHER_FDM';

/** Uses up an activation code for `fdmId`; a second use, an expired or a foreign code is refused. */
export async function useActivationCode(
  db: Db,
  fdmId: string,
  code: string,
  clock: Clock,
): Promise<Result<void, ActivationProblem>> {
  const codeHash = hashCode(code);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('activation_code')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    if (!row) return err('UNKNOWN_CODE' as const);
    if (row.fdm_id !== fdmId) return err('OTHER_FDM' as const);
    const now = clock.now();
    if (new Date(row.expires_at).getTime() <= now.getTime()) return err('EXPIRED' as const);
    const used = await trx
      .selectFrom('activation_use')
      .select('code_hash')
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    if (used) return err('ALREADY_USED' as const);
    await trx.insertInto('activation_use').values({ code_hash: codeHash, used_at: now }).execute();
    return ok(undefined);
  });
}

/** Whether the code would be accepted now, without using it. */
export async function activationCodeValid(
  db: Db,
  fdmId: string,
  code: string,
  clock: Clock,
): Promise<boolean> {
  const codeHash = hashCode(code);
  const row = await db
    .selectFrom('activation_code')
    .selectAll()
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  if (!row || row.fdm_id !== fdmId || new Date(row.expires_at).getTime() <= clock.now().getTime())
    return false;
  const used = await db
    .selectFrom('activation_use')
    .select('code_hash')
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  return !used;
}
