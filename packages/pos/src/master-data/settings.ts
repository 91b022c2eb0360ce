import {
  checkEstNo,
  checkPosId,
  checkVatNo,
  err,
  languageValues,
  ok,
  type Language,
  type Result,
} from '@gks/core';
import { appendJournalEntry, inTransaction, type Clock, type Database } from '../journal/journal.js';
import type { JsonObject } from '../journal/canonical.js';
import type { PosIdentity } from '../fiscal/common-fields.js';
import { posError, type PosError } from '../register/pos-error.js';

/** The software version shown at login and sent with every event (C-24); changes with every release. */
export const posSwVersion = 'gks-pos 0.1.0';

export interface Establishment {
  readonly name: string;
  readonly address: string;
  readonly vatNo: string;
  readonly estNo: string;
}

/** Where the FDM is: a base URL (`/graphql` is appended) and, for https, the CA to trust. */
export interface FdmConnection {
  readonly url: string;
  readonly caPem?: string;
  readonly timeoutMs?: number;
}

export interface RegisterSettings {
  readonly establishment: Establishment;
  readonly posId: string;
  readonly language: Language;
  readonly fdm: FdmConnection;
}

/** Checks settings before they are stored: a register with a wrong VAT number must not start. */
export function checkSettings(settings: RegisterSettings): Result<RegisterSettings, PosError> {
  const { establishment: e } = settings;
  if (e.name.trim() === '' || e.address.trim() === '')
    return posError('BAD_INPUT', 'the establishment needs a name and an address (C-42 b)');
  for (const [field, check] of [
    ['vatNo', checkVatNo(e.vatNo)],
    ['estNo', checkEstNo(e.estNo)],
    ['posId', checkPosId(settings.posId)],
  ] as const) {
    if (!check.ok) return posError('BAD_INPUT', `${field} ${check.error.reason}`);
  }
  if (!(languageValues as readonly string[]).includes(settings.language))
    return posError('BAD_INPUT', `language must be one of ${languageValues.join(', ')}`);
  try {
    const url = new URL(settings.fdm.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    return posError('BAD_INPUT', 'the FDM URL must be an http(s) URL');
  }
  return ok(settings);
}

/** Stores the settings, journaling the change with before and after (C-41). */
export async function saveSettings(
  db: Database,
  settings: RegisterSettings,
  by: { userId: string; terminalId: string | null },
  clock: Clock,
): Promise<Result<void, PosError>> {
  const checked = checkSettings(settings);
  if (!checked.ok) return checked;
  return inTransaction(db, async (trx) => {
    const before = await loadSettings(trx);
    const value = JSON.stringify(settings);
    await trx
      .insertInto('pos_setting')
      .values({ key: 'register', value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    const journaled = await appendJournalEntry(
      trx,
      {
        kind: 'configuration_change',
        terminalId: by.terminalId,
        userId: by.userId,
        data: {
          setting: 'register',
          before: before.ok ? publicView(before.value) : null,
          after: publicView(settings),
        },
      },
      clock,
    );
    if (!journaled.ok) throw new Error(`configuration change not journaled: ${journaled.error.code}`);
    return ok(undefined);
  });
}

function publicView(settings: RegisterSettings): JsonObject {
  return {
    establishment: { ...settings.establishment },
    posId: settings.posId,
    language: settings.language,
    fdmUrl: settings.fdm.url,
  };
}

export async function loadSettings(db: Database): Promise<Result<RegisterSettings, PosError>> {
  const row = await db
    .selectFrom('pos_setting')
    .select('value')
    .where('key', '=', 'register')
    .executeTakeFirst();
  if (!row) return err({ code: 'BAD_INPUT', message: 'the register is not initialised: run gks pos init' });
  return ok(JSON.parse(row.value) as RegisterSettings);
}

export function identityOf(settings: RegisterSettings): PosIdentity {
  return {
    language: settings.language,
    vatNo: settings.establishment.vatNo,
    estNo: settings.establishment.estNo,
    posId: settings.posId,
    posSwVersion,
  };
}
