import type { FdmDeviceInput, PosDeviceInput, UserItemInput } from '../fdm-api/types.js';
import { err, ok, type Result } from '../result/result.js';
import { DepartmentTotals } from './department-totals.js';
import { paymentEntry, transactionLines } from './event-figures.js';
import { PaymentTotals } from './payment-totals.js';
import { ProblemList, type ReportContext, type ReportProblem, type SignedEvent } from './period-events.js';
import type { SocialEvent, UserFigures, UsersReportModel } from './report-model.js';
import { fdmDevicesOf, posDevicesOf, reportScope } from './report-scope.js';
import { toUserItems } from './turnover-input.js';

export interface UserReport {
  /** The report-specific part of signReportUserX/Z's input (the Z adds reportNo and reportBookingDate). */
  readonly posDevices: PosDeviceInput[];
  readonly fdmDevices: FdmDeviceInput[];
  readonly users: UserItemInput[];
  /** The same figures in cents, with everything C-50/C-51 prints. */
  readonly report: UsersReportModel;
}

interface Moment {
  readonly text: string;
  readonly ms: number;
}

interface UserSums {
  readonly employeeId: string;
  readonly turnover: { count: number; totalCents: number };
  readonly training: { count: number; totalCents: number };
  readonly departments: DepartmentTotals;
  readonly payments: PaymentTotals;
  cashCents: number;
  first: Moment;
  last: Moment;
  firstTicket: Moment | null;
  lastTicket: Moment | null;
  readonly socialEvents: SocialEvent[];
}

/**
 * X/Z GEBRUIKERS (C-50, C-51): per user (employeeId, the INSZ/BIS) their VAT tickets,
 * departments, payments and cash, clock in/out and the span of their activity, in order of
 * first appearance. Reports are no user activity; training counts only as training.
 */
export function computeUserReport(
  events: readonly SignedEvent[],
  context: ReportContext = {},
): Result<UserReport, ReportProblem[]> {
  const problems = new ProblemList();
  const users = new Map<string, UserSums>();
  events.forEach((event, index) => {
    if (event.mutation.startsWith('signReport')) return;
    const moment = {
      text: event.request.posDateTime,
      ms: problems.instant(event.request.posDateTime, index, 'posDateTime'),
    };
    const user = userSums(users, event.request.employeeId, moment);
    if (moment.ms < user.first.ms) user.first = moment;
    if (moment.ms > user.last.ms) user.last = moment;
    addEvent(user, event, index, moment, problems);
  });
  const scope = reportScope(events, problems);
  if (problems.problems.length > 0) return err(problems.problems);
  const figures = [...users.values()].map((u) => userFigures(u, context));
  return ok({
    posDevices: posDevicesOf(scope),
    fdmDevices: fdmDevicesOf(scope),
    users: toUserItems(figures),
    report: { scope, users: figures },
  });
}

function addEvent(
  user: UserSums,
  event: SignedEvent,
  index: number,
  moment: Moment,
  problems: ProblemList,
): void {
  if (event.isTraining) {
    if (event.mutation === 'signSale') {
      user.training.count += 1;
      user.training.totalCents += problems.cents(
        event.request.transaction.transactionTotal,
        index,
        'transaction.transactionTotal',
      );
    }
    return;
  }
  switch (event.mutation) {
    case 'signSale': {
      const sale = event.request;
      user.turnover.count += 1;
      user.turnover.totalCents += problems.cents(
        sale.transaction.transactionTotal,
        index,
        'transaction.transactionTotal',
      );
      for (const line of transactionLines(sale.transaction, problems, index, 'transaction')) {
        user.departments.add(line.departmentId, line.departmentName, line.totalCents);
      }
      sale.financials.forEach((line, i) => {
        const entry = paymentEntry(line, line.amountType, problems, index, `financials[${i}]`);
        user.payments.addPayment(entry);
        if (line.type === 'CASH' && line.amountType !== 'ROUNDING') user.cashCents += entry.cents;
      });
      if (user.firstTicket === null || moment.ms < user.firstTicket.ms) user.firstTicket = moment;
      if (user.lastTicket === null || moment.ms > user.lastTicket.ms) user.lastTicket = moment;
      return;
    }
    case 'signPaymentCorrection':
      event.request.financials.forEach((line, i) => {
        const entry = paymentEntry(line, line.amountType, problems, index, `financials[${i}]`);
        user.payments.addCorrection(entry);
        if (line.type === 'CASH' && line.amountType !== 'ROUNDING') user.cashCents += entry.cents;
      });
      return;
    case 'signMoneyInOut':
      event.request.financials.forEach((line, i) => {
        if (line.type === 'CASH' && line.amountType === 'MONEY_IN_OUT') {
          user.cashCents += problems.cents(line.amount, index, `financials[${i}].amount`);
        }
      });
      return;
    case 'signWorkIn':
    case 'signWorkOut':
      user.socialEvents.push({
        posDateTime: moment.text,
        inOut: event.mutation === 'signWorkIn' ? 'IN' : 'OUT',
      });
      return;
    default:
      return;
  }
}

function userSums(users: Map<string, UserSums>, employeeId: string, moment: Moment): UserSums {
  let user = users.get(employeeId);
  if (user === undefined) {
    user = {
      employeeId,
      turnover: { count: 0, totalCents: 0 },
      training: { count: 0, totalCents: 0 },
      departments: new DepartmentTotals(),
      payments: new PaymentTotals(),
      cashCents: 0,
      first: moment,
      last: moment,
      firstTicket: null,
      lastTicket: null,
      socialEvents: [],
    };
    users.set(employeeId, user);
  }
  return user;
}

function userFigures(user: UserSums, context: ReportContext): UserFigures {
  return {
    employeeId: user.employeeId,
    name: context.userNames?.[user.employeeId] ?? null,
    turnover: { ...user.turnover },
    departments: user.departments.figures(),
    payments: user.payments.figures(),
    cashCents: user.cashCents,
    training: { ...user.training },
    firstPosDateTime: user.first.text,
    lastPosDateTime: user.last.text,
    firstTicketPosDateTime: user.firstTicket?.text ?? null,
    lastTicketPosDateTime: user.lastTicket?.text ?? null,
    socialEvents: [...user.socialEvents],
  };
}
