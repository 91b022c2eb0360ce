import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventLabel, EventOperation, FdmReference, Result, SignResult } from '@gks/core';
import type { RunningFdm } from '@gks/fdm';
import { initFdmState, startFdmServer } from '@gks/fdm';
import type { FdmError } from './errors/fdm-error.js';
import type { SignOutcome } from './client/fdm-client.js';
import { FdmClient } from './client/fdm-client.js';
import { preparedSignRequestFromBytes } from './request/prepared-request.js';
import type { FdmTransport } from './transport/http-transport.js';
import { createTransport } from './transport/http-transport.js';
import * as inputs from './testing/fod-inputs.js';

// The client against the real software FDM of packages/fdm, over TLS with the FDM's own CA:
// all 15 mutations, both queries, refusals, and resends after a lost or late answer.

let root: string;
let fdm: RunningFdm;
let caPem: string;
let client: FdmClient;
/** Every body the client posted, in order, seen from the client's side of the wire. */
const posted: Buffer[] = [];
let ticket = 1000;
let lastTotalCounter = 0;

const recording = (inner: FdmTransport): FdmTransport => ({
  post: (body, headers) => {
    posted.push(Buffer.from(body));
    return inner.post(body, headers);
  },
  close: () => inner.close(),
});

const newClient = (
  options: { timeoutMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): FdmClient => {
  const transport = createTransport({
    kind: 'lan',
    baseUrl: fdm.url,
    caPem,
    timeoutMs: options.timeoutMs ?? 5000,
  });
  if (!transport.ok) throw new Error(transport.error);
  return new FdmClient({
    transport: recording(transport.value),
    resend: { maxResends: 3, delaysMs: [0] },
    sleep: options.sleep ?? (async () => undefined),
  });
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gks-fdm-client-'));
  const state = await initFdmState(join(root, 'fdm'), {
    fdmId: inputs.fod.fdmId,
    vatNo: inputs.fod.vatNo,
    estNo: inputs.fod.estNo,
    allowedPosIds: [inputs.fod.posId],
    verificationBaseUrl: 'https://verify.example/fdm',
    // The TLS certificate is valid from `now`: a fixed past date would have it expired.
    now: new Date(),
  });
  if (!state.ok) throw new Error(state.error.reason);
  caPem = state.value.caCertificatePem;
  const started = await startFdmServer({ dir: join(root, 'fdm'), tls: true, admin: false });
  if (!started.ok) throw new Error(started.error.reason);
  fdm = started.value;
  client = newClient();
});

afterAll(async () => {
  client?.close();
  await fdm?.stop();
  await rm(root, { recursive: true, force: true });
});

const signed = (outcome: Result<SignOutcome, FdmError>): SignOutcome => {
  if (!outcome.ok) throw new Error(`FDM refused: ${JSON.stringify(outcome.error)}`);
  return outcome.value;
};

/** One new event: the next totalCounter, the expected label and operation, the request echoed. */
const expectNewEvent = (
  outcome: Result<SignOutcome, FdmError>,
  label: EventLabel,
  operation: EventOperation,
  ticketNo: number,
): SignResult => {
  const { result, duplicate, attempts } = signed(outcome);
  expect(duplicate).toBe(false);
  expect(attempts).toBe(1);
  expect(result.eventOperation).toBe(operation);
  expect(result.fdmRef.fdmId).toBe(inputs.fod.fdmId);
  expect(result.fdmRef.eventLabel).toBe(label);
  expect(result.fdmRef.totalCounter).toBe(lastTotalCounter + 1);
  expect(result.posFiscalTicketNo).toBe(ticketNo);
  expect(result.digitalSignature).not.toBe('');
  lastTotalCounter = result.fdmRef.totalCounter;
  return result;
};

describe('FdmClient against the software FDM', () => {
  it('reads status and device over TLS with the FDM CA', async () => {
    const status = await client.status();
    expect(status).toMatchObject({
      ok: true,
      value: { initialized: true, device: { fdmId: inputs.fod.fdmId } },
    });
    expect(await client.status('FR')).toMatchObject({
      ok: true,
      value: { device: { fdmId: inputs.fod.fdmId } },
    });
    expect(await client.device()).toMatchObject({
      ok: true,
      value: { id: inputs.fod.fdmId, fdmId: inputs.fod.fdmId },
    });
  });

  const refs: Record<string, FdmReference> = {};

  it('signs all 15 mutations with the right labels and consecutive counters', async () => {
    let n = ++ticket;
    const sale = expectNewEvent(await client.signSale(inputs.sale(n), { isTraining: false }), 'N', 'SALE', n);
    expect(sale.shortSignature).toMatch(/^[0-9a-f]{40}$/);
    expect(sale.verificationUrl).toContain(sale.shortSignature ?? 'x');
    expect(sale.vatCalc?.map((v) => [v.label, v.taxableAmount, v.vatAmount, v.totalAmount])).toEqual([
      ['A', 19.83, 4.17, 24],
      ['B', 25, 3, 28],
    ]);
    refs['sale'] = sale.fdmRef;

    n = ++ticket;
    const refund = await client.signSale(inputs.refund(n, sale.fdmRef), { isTraining: false });
    expect(expectNewEvent(refund, 'N', 'SALE', n).vatCalc?.[0]?.totalAmount).toBe(-24);

    n = ++ticket;
    const order = expectNewEvent(
      await client.signOrder(inputs.order(n), { isTraining: false }),
      'P',
      'ORDER',
      n,
    );
    expect(order.shortSignature ?? '').toBe('');
    expect(order.vatCalc ?? null).toBeNull();

    n = ++ticket;
    expectNewEvent(
      await client.signCostCenterChange(inputs.costCenterChange(n), { isTraining: false }),
      'P',
      'COST_CENTER_CHANGE',
      n,
    );
    n = ++ticket;
    expectNewEvent(await client.signPreBill(inputs.preBill(n), { isTraining: false }), 'P', 'PRE_BILL', n);
    n = ++ticket;
    expectNewEvent(
      await client.signMoneyInOut(inputs.moneyIn(n), { isTraining: false }),
      'F',
      'MONEY_IN_OUT',
      n,
    );
    n = ++ticket;
    expectNewEvent(
      await client.signDrawerOpen(inputs.drawerOpen(n), { isTraining: false }),
      'F',
      'DRAWER_OPEN',
      n,
    );
    n = ++ticket;
    expectNewEvent(
      await client.signPaymentCorrection(inputs.paymentCorrection(n, sale.fdmRef), { isTraining: false }),
      'F',
      'PAYMENT_CORRECTION',
      n,
    );
    n = ++ticket;
    expectNewEvent(await client.signWorkIn(inputs.work(n), { isTraining: false }), 'S', 'WORK_IN', n);
    n = ++ticket;
    expectNewEvent(await client.signWorkOut(inputs.work(n), { isTraining: false }), 'S', 'WORK_OUT', n);
    n = ++ticket;
    const invoice = await client.signInvoice(inputs.invoice(n, [sale.fdmRef]), { isTraining: false });
    expectNewEvent(invoice, 'I', 'INVOICE', n);
    n = ++ticket;
    expectNewEvent(await client.signCopy(inputs.copy(n, sale.fdmRef), { isTraining: false }), 'C', 'COPY', n);
    n = ++ticket;
    expectNewEvent(
      await client.signReportTurnoverX(inputs.turnoverX(n), { isTraining: false }),
      'R',
      'REPORT_TURNOVER_X',
      n,
    );
    n = ++ticket;
    expectNewEvent(
      await client.signReportTurnoverZ(inputs.turnoverZ(n), { isTraining: false }),
      'R',
      'REPORT_TURNOVER_Z',
      n,
    );
    n = ++ticket;
    expectNewEvent(
      await client.signReportUserX(inputs.userX(n), { isTraining: false }),
      'R',
      'REPORT_USER_X',
      n,
    );
    n = ++ticket;
    expectNewEvent(
      await client.signReportUserZ(inputs.userZ(n), { isTraining: false }),
      'R',
      'REPORT_USER_Z',
      n,
    );
  });

  it('signs in training mode as a T event', async () => {
    const n = ++ticket;
    expectNewEvent(await client.signSale(inputs.sale(n), { isTraining: true }), 'T', 'SALE', n);
  });

  it('returns INVALID_REQUEST with its sub-code and field, posted once, no event made', async () => {
    const data = inputs.sale(++ticket);
    data.transaction.transactionTotal = 51.99;
    const before = posted.length;
    const outcome = await client.signSale(data, { isTraining: false });
    expect(outcome).toMatchObject({
      ok: false,
      error: { kind: 'fdm', code: 'INVALID_REQUEST', subCode: 'TOTAL_MISMATCH', retryable: false },
    });
    if (!outcome.ok && outcome.error.kind === 'fdm')
      expect(outcome.error.field).toContain('transactionTotal');
    expect(posted.length - before).toBe(1);
  });

  it('returns UNKNOWN_POS for a POS off the allow-list, posted once', async () => {
    const data = { ...inputs.sale(++ticket), posId: 'CABC0011234567' };
    const before = posted.length;
    expect(await client.signSale(data, { isTraining: false })).toMatchObject({
      ok: false,
      error: { kind: 'fdm', code: 'UNKNOWN_POS', retryable: false },
    });
    expect(posted.length - before).toBe(1);
  });

  it('resends the same bytes after the answer was lost, and gets the original event back', async () => {
    const n = ++ticket;
    fdm.engine.faults.update({ dropResponses: 1 });
    const before = posted.length;
    const outcome = signed(await client.signSale(inputs.sale(n), { isTraining: false }));
    expect(outcome).toMatchObject({ duplicate: true, attempts: 2 });
    const bodies = posted.slice(before);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]?.equals(bodies[0] ?? Buffer.alloc(0))).toBe(true);
    expect(outcome.result.fdmRef.totalCounter).toBe(lastTotalCounter + 1);
    lastTotalCounter = outcome.result.fdmRef.totalCounter;
    // No second event was made: the next one follows directly.
    const next = ++ticket;
    expectNewEvent(await client.signWorkIn(inputs.work(next), { isTraining: false }), 'S', 'WORK_IN', next);
  });

  it('resends after a timeout while the FDM is slow, and gets the original event back', async () => {
    fdm.engine.faults.update({ delayMs: 600 });
    const slowClient = newClient({
      timeoutMs: 200,
      sleep: async () => {
        fdm.engine.faults.reset();
      },
    });
    try {
      const n = ++ticket;
      const outcome = signed(await slowClient.signSale(inputs.sale(n), { isTraining: false }));
      expect(outcome).toMatchObject({ duplicate: true, attempts: 2 });
      expect(outcome.result.fdmRef.totalCounter).toBe(lastTotalCounter + 1);
      lastTotalCounter = outcome.result.fdmRef.totalCounter;
    } finally {
      fdm.engine.faults.reset();
      slowClient.close();
    }
  });

  it('sends outbox bytes restored after a crash; a second send is a duplicate, not a new event', async () => {
    const n = ++ticket;
    const stored = Buffer.from(client.prepare('signDrawerOpen', inputs.drawerOpen(n), false).body);
    const first = preparedSignRequestFromBytes(stored);
    if (!first.ok) throw new Error(first.error);
    const original = expectNewEvent(await client.send(first.value), 'F', 'DRAWER_OPEN', n);
    const again = signed(await client.send(first.value));
    expect(again.duplicate).toBe(true);
    expect(again.result.fdmRef).toEqual(original.fdmRef);
    expect(again.result.digitalSignature).toBe(original.digitalSignature);
  });

  it('refuses the FDM when the client does not trust its CA', async () => {
    const transport = createTransport({ kind: 'lan', baseUrl: fdm.url, timeoutMs: 2000 });
    if (!transport.ok) throw new Error(transport.error);
    const untrusting = new FdmClient({ transport: transport.value, sleep: async () => undefined });
    try {
      expect(await untrusting.status()).toMatchObject({
        ok: false,
        error: { kind: 'transport', reason: 'CONNECTION', retryable: false },
      });
    } finally {
      untrusting.close();
    }
  });
});
