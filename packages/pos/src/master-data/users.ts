import { checkEmployeeId, ok, type Result } from '@gks/core';
import {
  appendJournalEntry,
  inTransaction,
  isIdentifier,
  type Clock,
  type Database,
} from '../journal/journal.js';
import { posError, type PosError } from '../register/pos-error.js';
import { hashPin, isWellFormedPin, verifyPin } from './pin.js';
import { accessDataChange } from './revision.js';

export type UserRole = 'waiter' | 'manager' | 'technician';
export const userRoles: readonly UserRole[] = ['waiter', 'manager', 'technician'];

/** The INSZ of a person foreign to the business, such as a technician (C-29). */
export const technicianEmployeeId = '00000000097';

export interface User {
  readonly userId: string;
  readonly alias: string;
  readonly role: UserRole;
  readonly training: boolean;
  readonly active: boolean;
}

/** A user with the INSZ/BIS: only for building FDM events, never for printing or the API (C-29). */
export interface UserWithEmployeeId extends User {
  readonly employeeId: string;
}

export interface NewUser {
  readonly userId: string;
  readonly alias: string;
  readonly employeeId: string;
  readonly pin: string;
  readonly role: UserRole;
}

export async function createUser(
  db: Database,
  user: NewUser,
  by: { userId: string; terminalId: string | null },
  clock: Clock,
): Promise<Result<User, PosError>> {
  if (!isIdentifier(user.userId) || user.userId.length > 64)
    return posError('BAD_INPUT', 'userId must be 1..64 characters without surrounding spaces');
  if (
    typeof user.alias !== 'string' ||
    user.alias.trim() !== user.alias ||
    user.alias.length < 1 ||
    user.alias.length > 40
  )
    return posError('BAD_INPUT', 'alias must be 1..40 characters without surrounding spaces');
  const employee = checkEmployeeId(user.employeeId);
  if (!employee.ok) return posError('BAD_INPUT', `employeeId ${employee.error.reason}`);
  if (!isWellFormedPin(user.pin)) return posError('BAD_INPUT', 'the PIN must be 4 to 8 digits');
  if (!userRoles.includes(user.role))
    return posError('BAD_INPUT', `role must be one of ${userRoles.join(', ')}`);
  if (user.role === 'technician' && user.employeeId !== technicianEmployeeId)
    return posError('BAD_INPUT', `a technician signs in as ${technicianEmployeeId} (C-29)`);
  const pinHash = await hashPin(user.pin);
  return accessDataChange(() =>
    inTransaction(db, async (trx) => {
      const clash = await trx
        .selectFrom('app_user')
        .select('user_id')
        .where((eb) => eb.or([eb('user_id', '=', user.userId), eb('alias', '=', user.alias)]))
        .executeTakeFirst();
      if (clash) return posError('DUPLICATE_ID', 'a user with this id or alias exists');
      await trx
        .insertInto('app_user')
        .values({
          user_id: user.userId,
          alias: user.alias,
          employee_id: user.employeeId,
          pin_hash: pinHash,
          role: user.role,
          training: false,
          active: true,
        })
        .execute();
      const journaled = await appendJournalEntry(
        trx,
        {
          kind: 'master_data_change',
          terminalId: by.terminalId,
          userId: by.userId,
          // the INSZ stays in the users table (C-29): the journal names the user by id
          data: {
            table: 'app_user',
            change: 'create',
            userId: user.userId,
            alias: user.alias,
            role: user.role,
          },
        },
        clock,
      );
      if (!journaled.ok) throw new Error(journaled.error.code);
      return ok({ userId: user.userId, alias: user.alias, role: user.role, training: false, active: true });
    }),
  );
}

export async function findUser(db: Database, userId: string): Promise<UserWithEmployeeId | null> {
  const row = await db.selectFrom('app_user').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? userOf(row) : null;
}

export async function listUsers(db: Database): Promise<User[]> {
  const rows = await db.selectFrom('app_user').selectAll().orderBy('alias').execute();
  return rows.map((row) => {
    const { employeeId: _hidden, ...user } = userOf(row);
    return user;
  });
}

/** The user whose alias and PIN match, or null; the same answer for an unknown alias and a wrong PIN. */
export async function checkLogin(
  db: Database,
  alias: string,
  pin: string,
): Promise<UserWithEmployeeId | null> {
  if (typeof alias !== 'string' || !isWellFormedPin(pin)) return null;
  const row = await db.selectFrom('app_user').selectAll().where('alias', '=', alias).executeTakeFirst();
  if (!row || !row.active) {
    await hashPin(pin); // same cost as a real check: no timing hint that the alias does not exist
    return null;
  }
  return (await verifyPin(pin, row.pin_hash)) ? userOf(row) : null;
}

export async function setUserTraining(
  db: Database,
  userId: string,
  training: boolean,
  by: { userId: string; terminalId: string | null },
  clock: Clock,
): Promise<void> {
  await accessDataChange(() =>
    inTransaction(db, async (trx) => {
      await trx.updateTable('app_user').set({ training }).where('user_id', '=', userId).execute();
      const journaled = await appendJournalEntry(
        trx,
        {
          kind: 'configuration_change',
          terminalId: by.terminalId,
          userId: by.userId,
          data: { table: 'app_user', userId, training },
        },
        clock,
      );
      if (!journaled.ok) throw new Error(journaled.error.code);
    }),
  );
}

function userOf(row: {
  user_id: string;
  alias: string;
  employee_id: string;
  role: string;
  training: boolean;
  active: boolean;
}): UserWithEmployeeId {
  return {
    userId: row.user_id,
    alias: row.alias,
    employeeId: row.employee_id,
    role: row.role as UserRole,
    training: row.training,
    active: row.active,
  };
}
