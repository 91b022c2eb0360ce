import type { SignResult } from '@gks/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../engine/clock.js';
import { startFdmServer, type RunningFdm } from '../server/fdm-server.js';
import {
  copyOf,
  m110Sale,
  m111FullRefund,
  m112PartialRefund,
  m121Order,
  m122Transfer,
  m123PreBill,
  m130MoneyIn,
  m131DrawerOpen,
  m132PaymentCorrection,
  m150Invoice,
  reportOf,
  workInOut,
} from './fod-requests.js';
import { mustSign } from './http-client.js';
import { fodStateDir } from './test-state.js';

// The FOD use cases M110 .. M183, in one session against one FDM over real HTTP, each step
// checking the label, the counters and what the result must (not) carry.
let state: Awaited<ReturnType<typeof fodStateDir>>;
let fdm: RunningFdm;
const clock = new ManualClock('2024-07-29T11:00:08Z');

beforeAll(async () => {
  state = await fodStateDir();
  const started = await startFdmServer({ dir: state.dir, clock });
  if (!started.ok) throw new Error(started.error.reason);
  fdm = started.value;
});
afterAll(async () => {
  await fdm.stop();
  await state.dispose();
});

const ref = (r: SignResult) => `${r.fdmRef.eventLabel} ${r.fdmRef.eventCounter}/${r.fdmRef.totalCounter}`;
const results: Record<string, SignResult> = {};
let ticket = 1000;
async function step(
  name: string,
  mutation: Parameters<typeof mustSign>[1],
  data: unknown,
  isTraining = false,
) {
  clock.advance(1000);
  const r = await mustSign(fdm.url, mutation, data, isTraining);
  results[name] = r;
  return r;
}
const need = (name: string): SignResult => {
  const r = results[name];
  if (!r) throw new Error(`step ${name} did not run`);
  return r;
};
const vat = (r: SignResult) => r.vatCalc?.map((v) => [v.label, v.taxableAmount, v.vatAmount, v.totalAmount]);

describe('FOD use cases over HTTP', () => {
  it('M140 work in (80113078968): S 1/1, no ticket data', async () => {
    const r = await step('M140', 'signWorkIn', workInOut(++ticket, '80113078968'));
    expect(ref(r)).toBe('S 1/1');
    expect(r.eventOperation).toBe('WORK_IN');
    expect(r.shortSignature).toBe('');
    expect(r.vatCalc).toBeNull();
  });

  it('M110 direct sale: N 1/2, vatCalc A 19.83/4.17, B 25.00/3.00, QR URL', async () => {
    const r = await step('M110', 'signSale', m110Sale(++ticket));
    expect(ref(r)).toBe('N 1/2');
    expect(r.fdmRef.fdmId).toBe('FOD01000001');
    expect(r.fdmRef.fdmDateTime).toBe('2024-07-29T11:00:10Z');
    expect(vat(r)).toEqual([
      ['A', 19.83, 4.17, 24],
      ['B', 25, 3, 28],
    ]);
    expect(r.shortSignature).toMatch(/^[0-9a-f]{40}$/);
    expect(r.verificationUrl).toBe(`https://verify.example/fdm/FOD01000001/2/${r.shortSignature ?? ''}`);
    expect(r.posFiscalTicketNo).toBe(ticket);
    expect(r.terminalId).toBe('TER-2-DIN');
  });

  it('M111 full refund with the original fdmRef: N 2/3, negative vatCalc', async () => {
    const r = await step('M111', 'signSale', m111FullRefund(++ticket, need('M110').fdmRef));
    expect(ref(r)).toBe('N 2/3');
    expect(vat(r)).toEqual([
      ['A', -19.83, -4.17, -24],
      ['B', -25, -3, -28],
    ]);
  });

  it('M112 partial refund: N 3/4, A -9.92/-2.08, B 25.00/3.00', async () => {
    const r = await step('M112', 'signSale', m112PartialRefund(++ticket, need('M110').fdmRef));
    expect(ref(r)).toBe('N 3/4');
    expect(vat(r)).toEqual([
      ['A', -9.92, -2.08, -12],
      ['B', 25, 3, 28],
    ]);
  });

  it('M121 order on table 1: P 1/5, pro forma footer', async () => {
    const r = await step('M121', 'signOrder', m121Order(++ticket));
    expect(ref(r)).toBe('P 1/5');
    expect(r.eventOperation).toBe('ORDER');
    expect(r.footer).toEqual(['PRO FORMA', 'DIT IS GEEN GELDIG BTW-KASTICKET']);
    expect(r.vatCalc).toBeNull();
  });

  it('M122 transfer T1 -> T5: P 2/6', async () => {
    const r = await step('M122', 'signCostCenterChange', m122Transfer(++ticket));
    expect(ref(r)).toBe('P 2/6');
    expect(r.eventOperation).toBe('COST_CENTER_CHANGE');
  });

  it('M123 pre-bill: P 3/7', async () => {
    const r = await step('M123', 'signPreBill', m123PreBill(++ticket));
    expect(ref(r)).toBe('P 3/7');
    expect(r.eventOperation).toBe('PRE_BILL');
  });

  it('M130 money in 100.00: F 1/8', async () => {
    expect(ref(await step('M130', 'signMoneyInOut', m130MoneyIn(++ticket)))).toBe('F 1/8');
  });

  it('M131 drawer open: F 2/9', async () => {
    const r = await step('M131', 'signDrawerOpen', m131DrawerOpen(++ticket));
    expect(ref(r)).toBe('F 2/9');
    expect(r.eventOperation).toBe('DRAWER_OPEN');
  });

  it('M132 payment correction of the M110 sale: F 3/10', async () => {
    const r = await step(
      'M132',
      'signPaymentCorrection',
      m132PaymentCorrection(++ticket, need('M110').fdmRef),
    );
    expect(ref(r)).toBe('F 3/10');
    expect(r.eventOperation).toBe('PAYMENT_CORRECTION');
  });

  it('M133 drawer declaration 1000.00: F 4/11', async () => {
    expect(ref(await step('M133', 'signMoneyInOut', m130MoneyIn(++ticket, 'DRAWER_DECLARATION')))).toBe(
      'F 4/11',
    );
  });

  it('M150 invoice BE0308357159 over two sales: I 1/12', async () => {
    const r = await step(
      'M150',
      'signInvoice',
      m150Invoice(++ticket, [need('M110').fdmRef, need('M112').fdmRef]),
    );
    expect(ref(r)).toBe('I 1/12');
    expect(r.eventOperation).toBe('INVOICE');
    expect(r.shortSignature).toBe('');
  });

  it('M160 copy of the N ticket: C 1/13; M161 copy of the P ticket: C 2/14', async () => {
    expect(ref(await step('M160', 'signCopy', copyOf(++ticket, need('M110').fdmRef)))).toBe('C 1/13');
    expect(ref(await step('M161', 'signCopy', copyOf(++ticket, need('M121').fdmRef)))).toBe('C 2/14');
  });

  it('M170 training work in, M171 training sale, M172 training copy: T 1/15, T 2/16, T 3/17', async () => {
    const workIn = await step('M170', 'signWorkIn', workInOut(++ticket, '75061189702'), true);
    expect(ref(workIn)).toBe('T 1/15');
    expect(workIn.eventOperation).toBe('WORK_IN');
    const sale = await step('M171', 'signSale', m110Sale(++ticket, { ticketMedium: 'NONE' }), true);
    expect(ref(sale)).toBe('T 2/16');
    expect(sale.vatCalc).toBeNull();
    expect(sale.shortSignature).toBe('');
    expect(sale.footer).toContain('DIT IS GEEN GELDIG BTW-KASTICKET');
    expect(ref(await step('M172', 'signCopy', copyOf(++ticket, need('M110').fdmRef), true))).toBe('T 3/17');
  });

  it('M180 .. M183 reports: R 1/18 .. R 4/21', async () => {
    const kinds = ['TX', 'TZ', 'UX', 'UZ'] as const;
    const ops = ['REPORT_TURNOVER_X', 'REPORT_TURNOVER_Z', 'REPORT_USER_X', 'REPORT_USER_Z'];
    for (const [i, kind] of kinds.entries()) {
      const { mutation, data } = reportOf(++ticket, kind);
      const r = await step(`M18${i}`, mutation, data);
      expect(ref(r)).toBe(`R ${i + 1}/${18 + i}`);
      expect(r.eventOperation).toBe(ops[i]);
    }
  });

  it('M141 work out (84022899837): S 2/22', async () => {
    expect(ref(await step('M141', 'signWorkOut', workInOut(++ticket, '84022899837')))).toBe('S 2/22');
  });

  it('every answer was stored: the FDM reports 22 events and the chain verifies on restart', async () => {
    expect(fdm.engine.totalCounter).toBe(22);
    await fdm.stop();
    const again = await startFdmServer({ dir: state.dir, clock });
    if (!again.ok) throw new Error(again.error.reason);
    fdm = again.value;
    expect(fdm.memoryReport).toEqual({ records: 22, discardedTornBytes: 0 });
    const next = await step('after', 'signSale', m110Sale(++ticket));
    expect(ref(next)).toBe('N 4/23');
  });
});
