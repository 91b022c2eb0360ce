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
import { isPrintable } from './display-text.js';

/** The software version shown at login and sent with every event (C-24); changes with every release. */
export const posSwVersion = 'gks-pos 0.1.0';

export interface Establishment {
  readonly name: string;
  readonly address: string;
  readonly vatNo: string;
  readonly estNo: string;
  /** Printed at the end of VAT tickets ("Thank you!"): up to 4 lines; absent: nothing. */
  readonly ticketFooter?: string | null;
}

const maxFooterLines = 4;
const maxFooterLineLength = 48;

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
    return posError('BAD_INPUT', 'the establishment needs a name and an address (C-42 b)', {
      field: e.name.trim() === '' ? 'name' : 'address',
    });
  for (const [field, value, max] of [
    ['name', e.name, 100],
    ['address', e.address, 200],
  ] as const) {
    if (value.length > max || !isPrintable(value))
      return posError('BAD_INPUT', `${field} must be 1..${max} printable characters`, { field });
  }
  const footer = checkTicketFooter(e.ticketFooter ?? null);
  if (!footer.ok) return footer;
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

/**
 * The footer as stored: lines trimmed, blank lines at the ends dropped, null when nothing is left.
 * Newlines separate lines; any other control character is refused (it would drive the printer).
 */
export function checkTicketFooter(footer: string | null): Result<string | null, PosError> {
  if (footer === null) return ok(null);
  if (typeof footer !== 'string')
    return posError('BAD_INPUT', 'ticketFooter must be text', { field: 'ticketFooter' });
  const lines = footer.split(/\r?\n/).map((line) => line.trim());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return ok(null);
  if (lines.length > maxFooterLines || lines.some((line) => line.length > maxFooterLineLength))
    return posError(
      'BAD_INPUT',
      `ticketFooter is at most ${maxFooterLines} lines of ${maxFooterLineLength} characters`,
      { field: 'ticketFooter' },
    );
  if (!lines.every(isPrintable))
    return posError('BAD_INPUT', 'ticketFooter may hold only printable characters and newlines', {
      field: 'ticketFooter',
    });
  return ok(lines.join('\n'));
}

/** The manager's part of the establishment; vatNo, estNo and posId are registered with the FPS/FDM. */
export async function updateEstablishment(
  db: Database,
  change: { readonly name: string; readonly address: string; readonly ticketFooter: string | null },
  by: { userId: string; terminalId: string | null },
  clock: Clock,
): Promise<Result<RegisterSettings, PosError>> {
  if (typeof change.name !== 'string' || typeof change.address !== 'string')
    return posError('BAD_INPUT', 'name and address are text');
  const footer = checkTicketFooter(change.ticketFooter);
  if (!footer.ok) return footer;
  const current = await loadSettings(db);
  if (!current.ok) return current;
  const next: RegisterSettings = {
    ...current.value,
    establishment: {
      ...current.value.establishment,
      name: change.name.trim(),
      address: change.address.trim(),
      ticketFooter: footer.value,
    },
  };
  const saved = await saveSettings(db, next, by, clock);
  return saved.ok ? ok(next) : saved;
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
