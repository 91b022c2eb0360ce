import {
  buildReportReceipt,
  financialReportPrint,
  ok,
  usersReportPrint,
  type Receipt,
  type Result,
} from '@gks/core';
import type { SignedEvent } from '../fiscal/pipeline.js';
import {
  prepareTurnoverReport,
  prepareUserReport,
  type ReportPreparationProblem,
} from '../reports/prepare-report.js';
import type { PosError } from './pos-error.js';
import { posError } from './pos-error.js';
import { eventContext, trainingOf, type Actor, type RegisterDeps } from './register.js';

export type ReportScope = 'TURNOVER' | 'USERS';
export type ReportType = 'X' | 'Z';

export interface MadeReport {
  readonly event: SignedEvent;
  /** The printable report (X/Z FINANCIEEL or GEBRUIKERS), with the R event's control data. */
  readonly receipt: Receipt | null;
}

/**
 * An X or Z report (C-46..C-51) computed from the journal and signed as an R event. Events still
 * waiting for the FDM are resent first; a Z is computed in the transaction that journals it,
 * under the journal lock, so no event falls between its period and itself, and covers
 * everything since the previous Z of its series (C-47).
 */
export async function makeReport(
  deps: RegisterDeps,
  actor: Actor,
  request: { scope: ReportScope; type: ReportType },
): Promise<Result<MadeReport, PosError>> {
  if (request.scope !== 'TURNOVER' && request.scope !== 'USERS')
    return posError('BAD_INPUT', 'scope is TURNOVER or USERS');
  if (request.type !== 'X' && request.type !== 'Z') return posError('BAD_INPUT', 'type is X or Z');
  if (request.type === 'Z' && actor.user.role === 'waiter')
    return posError('FORBIDDEN_FOR_ROLE', 'a Z report is made by a manager');
  const flushed = await deps.pipeline.flush();
  if (!flushed.ok) return flushed;
  const context = await eventContext(deps, actor, trainingOf(actor));
  if (!context.ok) return context;
  const userNames = Object.fromEntries(
    (await deps.db.selectFrom('app_user').select(['employee_id', 'alias']).execute()).map((u) => [
      u.employee_id,
      u.alias,
    ]),
  );
  const options = { kind: request.type, context: { userNames } } as const;
  let model: {
    financial?: Parameters<typeof financialReportPrint>[0];
    users?: Parameters<typeof usersReportPrint>[0];
    reportNo?: number;
  } = {};
  const mutation =
    request.scope === 'TURNOVER'
      ? request.type === 'X'
        ? 'signReportTurnoverX'
        : 'signReportTurnoverZ'
      : request.type === 'X'
        ? 'signReportUserX'
        : 'signReportUserZ';
  const signed = await deps.pipeline.sign(mutation, context.value, async (trx) => {
    if (request.scope === 'TURNOVER') {
      const prepared = await prepareTurnoverReport(trx, options);
      if (!prepared.ok) return reportProblem(prepared.error);
      model = {
        financial: prepared.value.report,
        ...('reportNo' in prepared.value.data ? { reportNo: prepared.value.data.reportNo } : {}),
      };
      return ok(prepared.value.data as never);
    }
    const prepared = await prepareUserReport(trx, options);
    if (!prepared.ok) return reportProblem(prepared.error);
    model = {
      users: prepared.value.report,
      ...('reportNo' in prepared.value.data ? { reportNo: prepared.value.data.reportNo } : {}),
    };
    return ok(prepared.value.data as never);
  });
  if (!signed.ok) return signed;
  const event = signed.value;
  const printOptions = {
    type: request.type,
    madeAt: event.data.posDateTime,
    ...(model.reportNo !== undefined ? { reportNo: model.reportNo } : {}),
  };
  const reportPrint = model.financial
    ? financialReportPrint(model.financial, printOptions)
    : model.users
      ? usersReportPrint(model.users, printOptions)
      : null;
  let receipt: Receipt | null = null;
  if (reportPrint && !event.isTraining) {
    const settings = await deps.db
      .selectFrom('pos_setting')
      .select('value')
      .where('key', '=', 'register')
      .executeTakeFirst();
    const register = settings
      ? (JSON.parse(settings.value) as {
          establishment: { name: string; address: string; vatNo: string };
          posId: string;
        })
      : null;
    if (register) {
      const built = buildReportReceipt({
        establishment: {
          name: register.establishment.name,
          address: register.establishment.address.split(/,\s*/),
          vatNo: register.establishment.vatNo,
        },
        register: {
          posId: register.posId,
          swVersion: event.data.posSwVersion,
          terminalId: event.data.terminalId,
        },
        userAlias: actor.user.alias,
        ticketNo: event.posFiscalTicketNo,
        posDateTime: event.data.posDateTime,
        report: reportPrint,
        signResult: {
          ...event.result,
          shortSignature: event.result.shortSignature || null,
          verificationUrl: event.result.verificationUrl || null,
        },
      });
      receipt = built.ok ? built.value : null;
    }
  }
  return ok({ event, receipt });
}

function reportProblem(problem: ReportPreparationProblem): Result<never, PosError> {
  if (problem.code === 'PENDING_EVENTS')
    return posError(
      'REGISTRATION_BUSY',
      `events ${problem.journalSeqs.join(', ')} still wait for the FDM: a Z waits for them`,
    );
  return posError(
    'BAD_INPUT',
    `the report cannot be made: ${problem.code}${'message' in problem ? `: ${problem.message}` : ''}`,
  );
}
