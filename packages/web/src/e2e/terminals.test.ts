import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demo,
  ensureBuilt,
  openBrowser,
  phone,
  screenshot,
  screenshotDir,
  startStack,
  tablet,
  type Browser,
  type Stack,
} from './harness.js';
import {
  add,
  backToTables,
  closeReceipt,
  logIn,
  navigate,
  openTable,
  payInFull,
  receiptText,
  sendToKitchen,
  showTable,
} from './steps.js';

// Two waiters on two terminals at the same time (a tablet and a phone), then the FDM fails.

let stack: Stack;
let bar: Browser;
let terrace: Browser;
let ann: Page;
let bob: Page;
let bobTicketNo = 0;

beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
  await ensureBuilt();
  stack = await startStack();
  [bar, terrace] = await Promise.all([openBrowser(tablet), openBrowser(phone)]);
  ann = bar.page;
  bob = terrace.page;
}, 180_000);

afterAll(async () => {
  await Promise.all([bar?.close(), terrace?.close()]);
  await stack?.stop();
});

describe('two waiters on two terminals at the same time', () => {
  it('log in and clock in side by side', async () => {
    await Promise.all([
      ann.goto(`${stack.url}?terminal=${demo.terminals.T1.token}`),
      bob.goto(`${stack.url}?terminal=${demo.terminals.T2.token}`),
    ]);
    await screenshot(bob, 'phone-01-login');
    await Promise.all([logIn(ann, 'Ann', '1234'), logIn(bob, 'Bob', '5678')]);
    await Promise.all([ann.getByTestId('clock-in').click(), bob.getByTestId('clock-in').click()]);
    await Promise.all([ann.getByTestId('place-T5').waitFor(), bob.getByTestId('place-T6').waitFor()]);
    expect(await bob.getByText('Terrace').first().isVisible()).toBe(true);
    await screenshot(bob, 'phone-02-tables');
  });

  it('take orders at the same time, each sees the other one’s table taken', async () => {
    await Promise.all([openTable(ann, 'T5'), openTable(bob, 'T6')]);
    await Promise.all([add(ann, 'Drinks', '10011', 3), add(bob, 'Drinks', '10010', 2)]);
    await Promise.all([add(ann, 'Main dishes', '22001'), add(bob, 'Desserts', '30001')]);
    await screenshot(bob, 'phone-03-order');
    await Promise.all([sendToKitchen(ann), sendToKitchen(bob)]);
    await Promise.all([backToTables(ann), backToTables(bob)]);
    await expect
      .poll(() => bob.getByTestId('place-T5').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('OCCUPIED');
    await expect
      .poll(() => ann.getByTestId('place-T6').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('OCCUPIED');
  });

  it('both get paid at the same time, each with their own signed VAT ticket', async () => {
    const pay = async (page: Page, table: string, method: string) => {
      await openTable(page, table);
      return payInFull(page, method);
    };
    const [annTicket, bobTicket] = await Promise.all([pay(ann, 'T5', 'CARD_DEBIT'), pay(bob, 'T6', 'CASH')]);
    expect(annTicket).toContain('Bediende: Ann');
    expect(bobTicket).toContain('Bediende: Bob');
    for (const ticket of [annTicket, bobTicket]) {
      expect(ticket).toContain('BTW-KASTICKET');
      expect(ticket).toContain('Ticketteller');
    }
    const number = (text: string) => Number(/Ticket nr: (\d+)/.exec(text)?.[1]);
    expect(number(annTicket)).not.toBe(number(bobTicket));
    bobTicketNo = number(bobTicket);
    await screenshot(bob, 'phone-04-vat-ticket');
    await Promise.all([ann.getByTestId('paid-done').click(), bob.getByTestId('paid-done').click()]);
  });

  it('shows a table pre-billed on one terminal as pre-billed on the other, until a line is added', async () => {
    await openTable(ann, 'T8');
    await add(ann, 'Drinks', '10010');
    await ann.getByTestId('pre-bill').click();
    expect(await receiptText(ann, 'receipt')).toContain('PRO FORMA');
    await closeReceipt(ann);
    await expect.poll(() => ann.getByTestId('order-pre-billed').count()).toBe(1);
    await backToTables(ann);
    await expect
      .poll(() => bob.getByTestId('place-T8').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('PRE_BILLED');
    await showTable(bob, 'T8');
    expect(await bob.getByTestId('place-T8').innerText()).toContain('Rekening gegeven');
    await screenshot(bob, 'phone-08-pre-billed-elsewhere');
    // A line added on the phone makes the table occupied again on both.
    await openTable(bob, 'T8');
    await add(bob, 'Drinks', '10011');
    await backToTables(bob);
    await expect
      .poll(() => ann.getByTestId('place-T8').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('OCCUPIED');
  });

  it('switches the language without touching what the server prints', async () => {
    await bob.getByRole('button', { name: 'FR', exact: true }).click();
    await expect.poll(() => bob.getByTestId('direct-sale').textContent()).toContain('emporter');
    await screenshot(bob, 'phone-05-french');
    await navigate(bob, /^Tickets$/);
    await bob.getByTestId('ticket-reference').fill(String(bobTicketNo));
    await bob.getByTestId('ticket-reference').press('Enter');
    // The ticket is printed in Dutch whatever the screen's language.
    await expect.poll(() => receiptText(bob, 'ticket-receipt')).toContain('BTW-KASTICKET');
    expect(await receiptText(bob, 'ticket-receipt')).toContain('Bediende: Bob');
    await screenshot(bob, 'phone-06-ticket-french-screen');
    await bob.getByRole('button', { name: 'EN', exact: true }).click();
    await expect
      .poll(() => bob.getByTestId('ticket-reference').locator('xpath=..').innerText())
      .toContain('Ticket number');
    await bob.getByRole('button', { name: 'NL', exact: true }).click();
    await navigate(bob, /^Tafels$/);
  });
});

describe('the FDM goes down (C-26, B-4)', () => {
  it('blocks selling with a plain explanation and the paper receipt fallback', async () => {
    await openTable(ann, 'T7');
    await add(ann, 'Drinks', '10011');
    await stack.faults({ notOperational: true });
    await ann.getByTestId('send').click();
    await expect.poll(() => ann.getByTestId('problem').textContent()).toContain('btw-bonnetje');
    await expect.poll(() => ann.getByTestId('fdm-state').getAttribute('data-state')).toBe('down');
    const notice = await ann.getByTestId('fdm-down').innerText();
    expect(notice).toContain('btw-bonnetje');
    expect(await ann.getByTestId('to-pay').isDisabled()).toBe(true);
    expect(await ann.getByTestId('product-10010').isDisabled()).toBe(true);
    await screenshot(ann, '15-fdm-down');
    // The other terminal learns it on its next look at the FDM's state.
    await expect
      .poll(() => bob.getByTestId('fdm-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('down');
    await expect.poll(() => bob.getByTestId('fdm-down').isVisible()).toBe(true);
    const full = await bob.getByTestId('fdm-down').innerText();
    expect(full).toContain('btw-bonnetje');
    expect(full).toContain('FOD Financiën');
    expect(await bob.getByTestId('direct-sale').isDisabled()).toBe(true);
    await screenshot(bob, 'phone-07-fdm-down');
  });

  it('refuses again while it is still down, and sells again once it is back', async () => {
    await ann.getByTestId('fdm-retry').click();
    await ann.getByTestId('send').click();
    await expect.poll(() => ann.getByTestId('fdm-retry').isEnabled()).toBe(true);
    await stack.faults(null);
    await ann.getByTestId('fdm-retry').click();
    await sendToKitchen(ann);
    await expect.poll(() => ann.getByTestId('fdm-state').getAttribute('data-state')).toBe('up');
    expect(await payInFull(ann)).toContain('BTW-KASTICKET');
    await ann.getByTestId('paid-done').click();
  });

  it('left no console error in either browser', () => {
    expect(bar.errors).toEqual([]);
    expect(terrace.errors).toEqual([]);
  });
});
