import { describe, expect, it } from 'vitest';
import { burger, fodBase, fodSamples } from '../fdm-input/fod-samples.js';
import { validateSignInput } from '../fdm-input/validate-sign-input.js';
import type { SignedEvent } from './period-events.js';
import { EventLog, posTime, reportCommon } from './sample-events.js';
import { computeUserReport } from './user-report.js';

const ann = '84022899837';
const bob = '80113078968';
const card = {
  id: '2',
  name: 'MASTERCARD',
  type: 'CARD_CREDIT',
  inputMethod: 'AUTOMATIC',
  amount: 28,
  amountType: 'PAYMENT',
} as const;

/**
 * Ann clocks in at 10:01, sells the FOD M110 sale (52,00 cash) at 10:02 and a burger by card
 * (28,00) at 10:03, makes a training sale at 10:04; Bob clocks in at 10:05, moves 20,00 out of
 * the drawer at 10:06, corrects the payment of Ann's first sale at 10:07; Ann clocks out at
 * 10:08; the robot makes an X report at 10:09.
 */
function shift(): SignedEvent[] {
  const log = new EventLog();
  log.sign('signWorkIn', { ...fodBase, employeeId: ann });
  log.sign('signSale', { ...fodSamples.signSale, employeeId: ann });
  log.sign('signSale', {
    ...fodBase,
    employeeId: ann,
    transaction: { transactionLines: [burger()], transactionTotal: 28 },
    financials: [card],
  });
  log.sign('signSale', { ...fodSamples.signSale, employeeId: ann }, true);
  log.sign('signWorkIn', { ...fodBase, employeeId: bob });
  log.sign('signMoneyInOut', {
    ...fodBase,
    employeeId: bob,
    financials: [
      {
        id: '1',
        name: 'CASH',
        type: 'CASH',
        inputMethod: 'MANUAL',
        amount: -20,
        amountType: 'MONEY_IN_OUT',
        drawer: { id: '1', name: 'Drawer 1' },
      },
    ],
  });
  log.sign('signPaymentCorrection', { ...fodSamples.signPaymentCorrection, employeeId: bob });
  log.sign('signWorkOut', { ...fodBase, employeeId: ann });
  log.sign('signReportTurnoverX', { ...fodSamples.signReportTurnoverX, employeeId: '00000000029' });
  return log.events;
}

function computed(events: readonly SignedEvent[], userNames?: Record<string, string>) {
  const report = computeUserReport(events, userNames ? { userNames } : {});
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return report.value;
}

describe('computeUserReport (C-50, C-51)', () => {
  const { users, report, posDevices, fdmDevices } = computed(shift(), { [ann]: 'Ann' });

  it('lists each user who did something, in order of appearance; the report robot is no user', () => {
    expect(users.map((u) => u.employeeId)).toEqual([ann, bob]);
    expect(report.users.map((u) => u.name)).toEqual(['Ann', null]);
  });

  it('Ann: turnover 80,00 over 2 VAT tickets, per department, first and last ticket, clock in and out', () => {
    const annFigures = report.users[0];
    expect(annFigures?.turnover).toEqual({ count: 2, totalCents: 8000 });
    expect(annFigures?.training).toEqual({ count: 1, totalCents: 5200 });
    expect(annFigures?.departments).toEqual([
      { departmentId: '10', departmentName: 'Aperitifs', totalCents: 2400 },
      { departmentId: '22', departmentName: 'Main Dishes', totalCents: 5600 },
    ]);
    expect(annFigures?.cashCents).toBe(5200);
    expect(annFigures?.firstTicketPosDateTime).toBe(posTime(2));
    expect(annFigures?.lastTicketPosDateTime).toBe(posTime(3));
    expect(users[0]).toEqual({
      employeeId: ann,
      totalAmount: 80,
      firstPosDateTime: posTime(1),
      lastPosDateTime: posTime(8),
      socialEvents: [
        { posDateTime: posTime(1), inOut: 'IN' },
        { posDateTime: posTime(8), inOut: 'OUT' },
      ],
      payments: [
        {
          id: '1',
          name: 'CASH',
          type: 'CASH',
          amount: [
            {
              type: 'PAYMENT',
              normalAmount: 52,
              negativeCorrections: 0,
              positiveCorrections: 0,
              correctionsCount: 0,
              totalAmount: 52,
            },
          ],
        },
        {
          id: '2',
          name: 'MASTERCARD',
          type: 'CARD_CREDIT',
          amount: [
            {
              type: 'PAYMENT',
              normalAmount: 28,
              negativeCorrections: 0,
              positiveCorrections: 0,
              correctionsCount: 0,
              totalAmount: 28,
            },
          ],
        },
      ],
    });
  });

  it('Bob: no ticket, his payment correction and paid-out cash, clocked in only', () => {
    const bobFigures = report.users[1];
    expect(bobFigures?.turnover).toEqual({ count: 0, totalCents: 0 });
    expect(bobFigures?.firstTicketPosDateTime).toBeNull();
    expect(bobFigures?.cashCents).toBe(-2000 - 5200);
    expect(users[1]?.socialEvents).toEqual([{ posDateTime: posTime(5), inOut: 'IN' }]);
    expect(
      users[1]?.payments.map((p) => [p.id, p.amount[0]?.totalAmount, p.amount[0]?.correctionsCount]),
    ).toEqual([
      ['1', -52, 1],
      ['2', 52, 1],
    ]);
    expect([users[1]?.firstPosDateTime, users[1]?.lastPosDateTime]).toEqual([posTime(5), posTime(7)]);
  });

  it('the X and Z inputs pass the FDM input validation', () => {
    const x = validateSignInput('signReportUserX', { ...reportCommon, posDevices, fdmDevices, users });
    expect(x.ok ? [] : x.error).toEqual([]);
    const z = validateSignInput('signReportUserZ', {
      ...reportCommon,
      reportNo: 3,
      reportBookingDate: '2025-06-12',
      posDevices,
      fdmDevices,
      users,
    });
    expect(z.ok ? [] : z.error).toEqual([]);
  });

  it('first and last compare as instants, across the change to winter time', () => {
    const log = new EventLog();
    // 02:30+02:00 (00:30 UTC) comes before 02:10+01:00 (01:10 UTC) on the night of 26 October
    log.sign('signWorkOut', { ...fodBase, employeeId: ann }, false, '2025-10-26T02:10:00+01:00');
    log.sign('signWorkIn', { ...fodBase, employeeId: ann }, false, '2025-10-26T02:30:00+02:00');
    const { users: items } = computed(log.events);
    expect([items[0]?.firstPosDateTime, items[0]?.lastPosDateTime]).toEqual([
      '2025-10-26T02:30:00+02:00',
      '2025-10-26T02:10:00+01:00',
    ]);
  });

  it('an empty period has no users and still validates', () => {
    const empty = computed([]);
    expect(empty.users).toEqual([]);
    expect(
      validateSignInput('signReportUserX', {
        ...reportCommon,
        posDevices: empty.posDevices,
        fdmDevices: empty.fdmDevices,
        users: empty.users,
      }).ok,
    ).toBe(true);
  });

  it('refuses a damaged amount', () => {
    const events = shift();
    const sale = events[1] as SignedEvent & { mutation: 'signSale' };
    const damaged = {
      ...sale,
      request: {
        ...sale.request,
        financials: sale.request.financials.map((line) => ({ ...line, amount: 0.001 })),
      },
    };
    const result = computeUserReport([damaged]);
    expect(result.ok ? [] : result.error.map((p) => [p.code, p.event])).toEqual([['INVALID_AMOUNT', 0]]);
  });
});
