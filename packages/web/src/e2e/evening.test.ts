import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demo,
  ensureBuilt,
  openBrowser,
  screenshot,
  screenshotDir,
  startStack,
  type Browser,
  type Stack,
} from './harness.js';
import {
  add,
  addWeighed,
  backToTables,
  closeReceipt,
  logIn,
  navigate,
  openTable,
  payInFull,
  receiptText,
  sendToKitchen,
  waitForLogin,
} from './steps.js';

// A whole evening in a real Chromium against the real POS server and a software FDM: each step
// builds on the one before, as the evening does.

let stack: Stack;
let browser: Browser;
let page: Page;
let cashTicketNo = '';

beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
  await ensureBuilt();
  stack = await startStack();
  browser = await openBrowser();
  page = browser.page;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('an evening at the restaurant', () => {
  it('shows the production number and software version on the login screen (C-24)', async () => {
    await page.goto(`${stack.url}?terminal=${demo.terminals.T1.token}`);
    await expect.poll(() => page.getByTestId('pos-id').textContent()).toBe(demo.posId);
    expect(await page.getByTestId('software-version').textContent()).toMatch(/\d+\.\d+\.\d+/);
    expect(page.url()).not.toContain('terminal=');
    await screenshot(page, '01-login');
  });

  it('refuses a wrong PIN and says so', async () => {
    await logIn(page, 'Ann', '0000');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('pincode');
    await expect(page.getByTestId('clock-in').count()).resolves.toBe(0);
    await screenshot(page, '02-wrong-pin');
  });

  it('logs in with the right PIN and clocks in before anything else (C-28)', async () => {
    await page.getByTestId('pin').fill('1234');
    await page.getByTestId('pin').press('Enter');
    await page.getByTestId('clock-in').waitFor();
    await screenshot(page, '03-clock-in');
    await page.getByTestId('clock-in').click();
    await expect.poll(() => page.getByTestId('place-T1').getAttribute('data-status')).toBe('FREE');
    expect(await page.getByTestId('fdm-state').getAttribute('data-state')).toBe('up');
  });

  it('takes orders at three tables and sends them to the kitchen', async () => {
    await openTable(page, 'T1');
    await add(page, 'Drinks', '10011', 2);
    await add(page, 'Main dishes', '22002');
    await sendToKitchen(page);
    expect(await page.getByTestId('order-total').textContent()).toMatch(/26,10/);
    await backToTables(page);

    await openTable(page, 'T2');
    await add(page, 'Main dishes', '22001', 2);
    await addWeighed(page, 'Main dishes', '22003', '0,527');
    expect(await page.getByTestId('order-lines').innerText()).toContain('0,527 kg');
    await sendToKitchen(page);
    await screenshot(page, '04-order');
    await backToTables(page);

    await openTable(page, 'T3');
    await add(page, 'Desserts', '30001', 2);
    await sendToKitchen(page);
    await backToTables(page);
    for (const table of ['T1', 'T2', 'T3'])
      expect(await page.getByTestId(`place-${table}`).getAttribute('data-status')).toBe('OCCUPIED');
    await screenshot(page, '05-tables-occupied');
  });

  it('corrects a sent line with a separate negative line, never an edit (C-31)', async () => {
    await openTable(page, 'T2');
    const lines = page.getByTestId('order-line');
    await lines.first().getByRole('button').click();
    await page.getByTestId('correct-dialog').waitFor();
    await page.getByTestId('correct-reason').fill('klant wil er maar een');
    await page.getByTestId('correct-reason').press('Enter');
    await expect.poll(() => lines.count()).toBe(3);
    const text = await page.getByTestId('order-lines').innerText();
    expect(text).toContain('klant wil er maar een');
    expect(text).toMatch(/-\s?2\s*×/);
    // The burgers line is still there, untouched.
    expect(await lines.first().innerText()).toMatch(/2\s*×/);
    await screenshot(page, '06-correction');
    await backToTables(page);
  });

  it('transfers table 3 to table 4', async () => {
    await openTable(page, 'T3');
    await page.getByTestId('transfer').click();
    await page.getByTestId('move-to-T4').click();
    await screenshot(page, '07-transfer');
    await page.getByTestId('move-confirm').click();
    await expect.poll(() => page.getByTestId('order-title').textContent()).toBe('Table 4');
    await backToTables(page);
    await expect.poll(() => page.getByTestId('place-T3').getAttribute('data-status')).toBe('FREE');
    expect(await page.getByTestId('place-T4').getAttribute('data-status')).toBe('OCCUPIED');
  });

  it('prints a pre-bill that says it is no VAT ticket (C-27)', async () => {
    await openTable(page, 'T1');
    await page.getByTestId('pre-bill').click();
    const text = await receiptText(page, 'receipt');
    expect(text).toContain('PRO FORMA');
    expect(text).toContain('DIT IS GEEN GELDIG BTW-KASTICKET');
    expect(text).toContain('Spaghetti Bolognese');
    await screenshot(page, '08-pre-bill');
    await closeReceipt(page);
    await backToTables(page);
    expect(await page.getByTestId('place-T1').getAttribute('data-status')).toBe('PRE_BILLED');
  });

  it('is paid in cash with 5-cent rounding and change; the ticket is the signed VAT ticket', async () => {
    await openTable(page, 'T1');
    await page.getByTestId('to-pay').click();
    await page.getByTestId('method-CASH').click();
    await page.getByTestId('amount').fill('50');
    await page.getByTestId('amount').press('Enter');
    expect(await page.getByTestId('pay-change').textContent()).toMatch(/23,90/);
    await screenshot(page, '09-pay-cash');
    await page.getByTestId('pay-confirm').click();
    expect(await page.getByTestId('change').textContent()).toMatch(/23,90/);
    const text = await receiptText(page, 'sale-receipt');
    for (const expected of [
      'BTW-KASTICKET',
      'Controlegegevens',
      'Ticketteller',
      'Ticket handtekening',
      demo.posId,
    ])
      expect(text).toContain(expected);
    expect(text).toContain('26,10');
    expect(await page.getByTestId('sale-receipt').locator('svg').count()).toBeGreaterThan(0);
    cashTicketNo = /(\d+)\s*$/.exec(await page.getByRole('heading', { level: 1 }).innerText())?.[1] ?? '';
    expect(cashTicketNo).not.toBe('');
    await screenshot(page, '10-vat-ticket');
    await page.getByTestId('paid-done').click();
    await expect.poll(() => page.getByTestId('place-T1').getAttribute('data-status')).toBe('FREE');
  });

  it('is paid by card at table 2 and table 4', async () => {
    for (const table of ['T2', 'T4']) {
      await openTable(page, table);
      const text = await payInFull(page, 'CARD_DEBIT');
      expect(text).toContain('BTW-KASTICKET');
      expect(text).toContain('Debit card');
      await page.getByTestId('paid-done').click();
      await expect.poll(() => page.getByTestId(`place-${table}`).getAttribute('data-status')).toBe('FREE');
    }
  });

  it('refunds the cash ticket from its reference on a separate REFUND ticket (C-8)', async () => {
    await navigate(page, /Tickets/);
    await page.getByTestId('ticket-reference').fill(cashTicketNo);
    await page.getByTestId('ticket-reference').press('Enter');
    await expect.poll(() => receiptText(page, 'ticket-receipt')).toContain('26,10');
    await page.getByTestId('refund').click();
    await page.getByTestId('refund-confirm').click();
    const text = await receiptText(page, 'receipt');
    expect(text).toContain('REFUND');
    expect(text).toMatch(/-\s?26,10/);
    await screenshot(page, '11-refund');
    await closeReceipt(page);
  });

  it('makes the one copy of a ticket (KOPIE) and refuses a second (C-33)', async () => {
    await page.getByTestId('ticket-reference').fill(cashTicketNo);
    await page.getByTestId('ticket-reference').press('Enter');
    await page.getByTestId('copy').click();
    expect(await receiptText(page, 'receipt')).toContain('KOPIE');
    await closeReceipt(page);
    await page.getByTestId('copy').click();
    await expect.poll(() => page.getByTestId('problem').textContent()).toContain('kopie');
  });

  it('sells in training mode with a banner on every screen and TRAINING on the ticket', async () => {
    await navigate(page, /Instellingen/);
    await page.getByTestId('training-user').check();
    await page.getByTestId('training-banner').waitFor();
    await navigate(page, /Tafels/);
    await page.getByTestId('direct-sale').click();
    await add(page, 'Drinks', '10010');
    expect(await page.getByTestId('training-banner').isVisible()).toBe(true);
    const text = await payInFull(page);
    expect(text).toMatch(/^TRAINING /);
    expect(text).toContain('DIT IS GEEN GELDIG BTW-KASTICKET');
    expect(text).not.toContain('Ticket handtekening'); // C-32
    await screenshot(page, '12-training-ticket');
    await page.getByTestId('paid-done').click();
    await navigate(page, /Instellingen/);
    await page.getByTestId('training-user').uncheck();
    await page.getByTestId('training-banner').waitFor({ state: 'detached' });
  });

  it('shows a drawer operation as it prints', async () => {
    await navigate(page, /Kassalade/);
    await page.getByTestId('drawer-in').click();
    await page.getByTestId('drawer-amount').fill('100');
    await page.getByTestId('drawer-amount').press('Enter');
    expect(await receiptText(page, 'receipt')).toContain('DIT IS GEEN GELDIG BTW-KASTICKET');
    await closeReceipt(page);
  });

  it('makes an X report and then the Z report, both previewed as printed (C-46)', async () => {
    await navigate(page, /Rapporten/);
    await page.getByTestId('report-x').click();
    await expect.poll(() => receiptText(page, 'report-REPORT_TURNOVER_X')).toContain('X FINANCIEEL');
    expect(await receiptText(page, 'report-REPORT_USER_X')).toContain('X GEBRUIKERS');
    await screenshot(page, '13-x-report');
    expect(await page.getByTestId('report-z').isDisabled()).toBe(true); // Ann is a waiter
  });

  it('clocks out and is back at the login screen', async () => {
    await page.getByTestId('clock-out').click();
    await waitForLogin(page);
    expect(browser.errors).toEqual([]);
  });

  it('lets the manager make the Z report that closes the day', async () => {
    await logIn(page, 'Bob', '5678');
    await page.getByTestId('clock-in').click();
    await navigate(page, /Rapporten/);
    await page.getByTestId('report-z').click();
    await page.getByTestId('confirm-z-yes').click();
    await expect.poll(() => receiptText(page, 'report-REPORT_TURNOVER_Z')).toContain('Z FINANCIEEL');
    const users = await receiptText(page, 'report-REPORT_USER_Z');
    expect(users).toContain('Z GEBRUIKERS');
    expect(users).toContain('Ann');
    await screenshot(page, '14-z-report');
    await page.getByTestId('clock-out').click();
    await waitForLogin(page);
    expect(browser.errors).toEqual([]);
  });
});
