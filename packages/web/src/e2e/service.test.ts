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
  addWithNote,
  closeReceipt,
  navigate,
  openTable,
  payInFull,
  receiptText,
  showTable,
} from './steps.js';
import { deadPort, startTcpPrinter, type TcpPrinter } from './tcp-printer.js';

// The manager sets the register up (printers, terminals, establishment, floors), then serves a
// table with a kitchen note; tickets print through the server on printers that are TCP listeners
// in this test.

let stack: Stack;
let browser: Browser;
let page: Page;
let receiptPrinter: TcpPrinter;
let kitchenPrinter: TcpPrinter;
let switchedOff = 0;
let saleTicketNo = '';

const footer = 'Bedankt en tot ziens!';

beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
  await ensureBuilt();
  [stack, receiptPrinter, kitchenPrinter, switchedOff] = await Promise.all([
    startStack(),
    startTcpPrinter(),
    startTcpPrinter(),
    deadPort(),
  ]);
  browser = await openBrowser(tablet);
  page = browser.page;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([stack?.stop(), receiptPrinter?.stop(), kitchenPrinter?.stop()]);
});

/** Elements whose content is wider than they are (text cut off or pushing the page sideways). */
async function overflowing(p: Page): Promise<string[]> {
  return p.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main label, main h2, main h3, main p')]
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}: ${el.innerText.slice(0, 40)}`),
  );
}

async function addPrinter(id: string, name: string, kind: 'RECEIPT' | 'KITCHEN', port: number) {
  await page.getByTestId('printer-id').fill(id);
  await page.getByTestId('printer-name').fill(name);
  await page.getByTestId('printer-kind').selectOption(kind);
  await page.getByTestId('printer-host').fill('127.0.0.1');
  await page.getByTestId('printer-port').fill(String(port));
  await page.getByTestId('printer-save').click();
  await page.getByTestId(`printer-${id}`).waitFor();
}

describe('the manager sets the register up', () => {
  it('logs in by picking a name from the list and typing the PIN', async () => {
    await page.goto(`${stack.url}?terminal=${demo.terminals.T1.token}`);
    const users = page.getByTestId('login-users');
    await users.getByRole('button').first().waitFor();
    const names = await users.getByRole('button').allInnerTexts();
    expect(names.join(' ')).toContain('Ann');
    expect(names.join(' ')).toContain('Bob');
    await users.getByRole('button', { name: /^Bob(\s|$)/ }).click();
    await screenshot(page, '16-login-pick-name');
    await page.getByTestId('pin').pressSequentially('5678');
    await page.getByTestId('pin').press('Enter');
    await page.getByTestId('clock-in').click();
    await page.getByTestId('direct-sale').waitFor();
  });

  it('adds a receipt printer, a kitchen printer and one that is switched off', async () => {
    await navigate(page, /Instellingen/);
    await page.getByTestId('settings-printers').click();
    // A URL is no printer address: the form says which field is wrong before the server is asked.
    await page.getByTestId('printer-id').fill('bon');
    await page.getByTestId('printer-name').fill('Bon');
    await page.getByTestId('printer-host').fill('http://printer');
    await page.getByTestId('printer-save').click();
    await expect.poll(() => page.getByTestId('form-problem').textContent()).toContain('IP-adres');
    await addPrinter('bon', 'Bon', 'RECEIPT', receiptPrinter.port);
    await addPrinter('keuken', 'Keuken', 'KITCHEN', kitchenPrinter.port);
    await addPrinter('uit', 'Uitgeschakeld', 'RECEIPT', switchedOff);
    expect(await page.getByTestId('printer-list').innerText()).toContain(`127.0.0.1:${kitchenPrinter.port}`);
    await screenshot(page, '21-settings-printers');
  });

  it('gives this terminal its printers and creates a terminal whose token is shown once', async () => {
    await page.getByTestId('settings-terminals').click();
    await page.getByTestId('terminal-receipt-T1').selectOption('bon');
    await page.getByTestId('terminal-kitchen-T1').selectOption('keuken');
    await page.getByTestId('terminal-save-T1').click();
    await expect.poll(() => page.getByTestId('terminal-save-T1').isDisabled()).toBe(true);

    await page.getByTestId('terminal-new-id').fill('T3');
    await page.getByTestId('terminal-new-name').fill('Keukenpas');
    await page.getByTestId('terminal-new-device').fill('tab-3');
    await page.getByTestId('terminal-create').click();
    const token = await page.getByTestId('terminal-token').inputValue();
    expect(token.length).toBeGreaterThanOrEqual(16);
    await page.getByTestId('copy-token').click();
    await page.getByTestId('copy-result').waitFor();
    await screenshot(page, '22-terminal-token-once');
    await page.getByTestId('token-done').click();
    await page.getByTestId('token-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('terminal-T3').waitFor();
    // Gone from the screen for good, and it works: the new device is known by it.
    expect(await page.content()).not.toContain(token);
    const answer = await fetch(`${stack.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-terminal-token': token },
      body: JSON.stringify({ query: '{ pos { terminalId terminalName } }' }),
    });
    expect(await answer.json()).toEqual({ data: { pos: { terminalId: 'T3', terminalName: 'Keukenpas' } } });

    // The same code again is refused in words.
    await page.getByTestId('terminal-new-id').fill('T3');
    await page.getByTestId('terminal-new-name').fill('Nog een');
    await page.getByTestId('terminal-new-device').fill('tab-4');
    await page.getByTestId('terminal-create').click();
    await expect.poll(() => page.getByTestId('form-problem').textContent()).toContain('bestaat al');
    await page.setViewportSize(phone);
    await screenshot(page, 'phone-09-settings-terminals');
    await page.setViewportSize(tablet);
  });

  it('edits the ticket footer; the registered numbers are shown read-only', async () => {
    await page.getByTestId('settings-establishment').click();
    const registered = await page.getByTestId('establishment-registered').innerText();
    for (const fixed of [demo.vatNo, demo.estNo, demo.posId]) expect(registered).toContain(fixed);
    expect(await page.locator('input[value="BE0000000097"]').count()).toBe(0);
    await page.getByTestId('establishment-footer').fill(footer);
    await page.getByTestId('establishment-save').click();
    await page.getByTestId('establishment-saved').waitFor();
    await screenshot(page, '23-settings-establishment');
  });

  it('adds a floor with a table, which the table plan shows as a tab', async () => {
    await page.getByTestId('settings-floors').click();
    // The demo register comes with its dining room and terrace.
    await page.getByTestId('edit-floor-zaal').waitFor();
    await page.getByTestId('edit-floor-terras').waitFor();
    await page.getByTestId('floor-id').fill('boven');
    await page.getByTestId('floor-name').fill('Boven');
    await page.getByTestId('floor-position').fill('50');
    await page.getByTestId('floor-save').click();
    await page.getByTestId('edit-floor-boven').waitFor();
    await page.getByTestId('place-id').fill('T20');
    await page.getByTestId('place-name').fill('Table 20');
    await page.getByTestId('place-floor').selectOption('boven');
    await page.getByTestId('place-save').click();
    await page.getByTestId('edit-place-T20').waitFor();
    await screenshot(page, '24-settings-floors');
    await navigate(page, /Tafels/);
    await page.getByTestId('floor-tab-boven').click();
    await expect.poll(() => page.getByTestId('place-T20').isVisible()).toBe(true);
    expect(await page.getByTestId('place-T20').getAttribute('data-floor')).toBe('boven');
    expect(await page.getByTestId('place-T20').getAttribute('data-status')).toBe('FREE');
    await screenshot(page, '17-tables-floors');
  });
});

describe('a table with a kitchen note, printed through the server', () => {
  it('shows the note under its line and prints it on the kitchen ticket', async () => {
    await openTable(page, 'T20');
    // Two quick picks make one note; it goes with the next article only.
    await page.getByTestId('note').click();
    await page.getByTestId('note-dialog').getByRole('button', { name: 'zonder ui', exact: true }).click();
    await page.getByTestId('note-dialog').getByRole('button', { name: 'medium', exact: true }).click();
    expect(await page.getByTestId('note-text').inputValue()).toBe('zonder ui, medium');
    await screenshot(page, '18-kitchen-note-dialog');
    await page.getByTestId('note-confirm').click();
    await add(page, 'Main dishes', '22001');
    await addWithNote(page, 'Drinks', '10010', 'met ijs en citroen');
    await add(page, 'Drinks', '10011');
    const lines = page.getByTestId('order-line');
    expect(await lines.nth(0).getByTestId('line-note').innerText()).toContain('zonder ui, medium');
    expect(await lines.nth(1).getByTestId('line-note').innerText()).toContain('met ijs en citroen');
    expect(await lines.nth(2).getByTestId('line-note').count()).toBe(0);
    // A note on a line already entered: added on the beer, changed on the water.
    await lines.nth(2).getByTestId('line-note-edit').click();
    await page.getByTestId('note-text').fill('in een fles');
    await page.getByTestId('note-confirm').click();
    await expect.poll(() => lines.nth(2).getByTestId('line-note').count()).toBe(1);
    await lines.nth(1).getByTestId('line-note-edit').click();
    await page.getByTestId('note-text').fill('met ijs, zonder citroen');
    await page.getByTestId('note-confirm').click();
    await expect.poll(() => lines.nth(1).getByTestId('line-note').innerText()).toContain('zonder citroen');
    await screenshot(page, '18-kitchen-note');
    await page.getByTestId('send').click();
    await expect
      .poll(() => page.getByTestId('order-notice').textContent())
      .toContain('Afgedrukt in de keuken');
    await expect.poll(() => kitchenPrinter.text()).toContain('zonder ui, medium');
    expect(kitchenPrinter.text()).toContain('met ijs, zonder citroen');
    expect(kitchenPrinter.text()).toContain('in een fles');
    // Sent lines keep their note; it can no longer change (the order screen reloads after sending).
    await expect.poll(() => page.getByTestId('line-note-edit').count()).toBe(0);
    // The kitchen asks for its ticket again: it comes out marked as a reprint.
    const kitchenJobs = kitchenPrinter.prints.length;
    await page.getByTestId('kitchen-print').click();
    await expect.poll(() => kitchenPrinter.prints.length).toBe(kitchenJobs + 1);
    expect(await page.getByTestId('kitchen-print-result').innerText()).toContain('herdruk');
    expect(kitchenPrinter.text()).toContain('HERDRUK');
    await page.getByTestId('show-kitchen-ticket').click();
    expect(await receiptText(page, 'receipt')).toContain('zonder ui');
    await screenshot(page, '19-kitchen-ticket');
    await closeReceipt(page);
    // The kitchen ticket went to the kitchen, nothing to the receipt printer.
    expect(receiptPrinter.prints).toHaveLength(0);
  });

  it('pays; the VAT ticket has the new footer and not the kitchen note', async () => {
    const text = await payInFull(page, 'CARD_DEBIT');
    expect(text).toContain('BTW-KASTICKET');
    expect(text).toContain(footer);
    expect(text).not.toContain('zonder ui');
    expect(text).not.toContain('citroen');
    saleTicketNo = /(\d+)\s*$/.exec(await page.getByRole('heading', { level: 1 }).innerText())?.[1] ?? '';
    expect(saleTicketNo).not.toBe('');
  });

  it('says which printer does not answer, then prints on the terminal’s receipt printer', async () => {
    await page.getByTestId('print-printer').selectOption('uit');
    await page.getByTestId('server-print').click();
    await expect
      .poll(() => page.getByTestId('server-print-result').getAttribute('data-code'))
      .toBe('PRINTER_UNREACHABLE');
    const refusal = await page.getByTestId('server-print-result').innerText();
    expect(refusal).toContain('antwoordt niet');
    expect(refusal).toContain(`127.0.0.1:${switchedOff}`);
    await page.getByTestId('print-printer').selectOption('');
    await page.getByTestId('server-print').click();
    await expect
      .poll(() => page.getByTestId('server-print-result').textContent())
      .toContain('Verstuurd naar Bon');
    await expect.poll(() => receiptPrinter.prints.length).toBe(1);
    const printed = receiptPrinter.text();
    expect(printed).toContain(footer);
    expect(printed).not.toContain('zonder ui');
    expect(await page.getByTestId('server-print').isDisabled()).toBe(true);
    await screenshot(page, '20-server-print');
    await page.getByTestId('paid-done').click();
  });

  it('refuses to print the original a second time', async () => {
    await navigate(page, /Tickets/);
    await page.getByTestId('ticket-reference').fill(saleTicketNo);
    await page.getByTestId('ticket-reference').press('Enter');
    await expect.poll(() => receiptText(page, 'ticket-receipt')).toContain(footer);
    await page.getByTestId('server-print').click();
    await expect
      .poll(() => page.getByTestId('server-print-result').getAttribute('data-code'))
      .toBe('ALREADY_PRINTED');
    expect(await page.getByTestId('server-print-result').innerText()).toContain('kopie');
    expect(receiptPrinter.prints).toHaveLength(1);
    await screenshot(page, '25-already-printed');
  });

  it('prints the X report through the server, once', async () => {
    await navigate(page, /Rapporten/);
    await page.getByTestId('report-x').click();
    await expect.poll(() => receiptText(page, 'report-REPORT_TURNOVER_X')).toContain('X FINANCIEEL');
    const before = receiptPrinter.prints.length;
    await page.getByTestId('report-print-REPORT_TURNOVER_X').getByTestId('server-print').click();
    await expect.poll(() => receiptPrinter.prints.length).toBe(before + 1);
    expect(receiptPrinter.text()).toContain('X FINANCIEEL');
    expect(
      await page.getByTestId('report-print-REPORT_TURNOVER_X').getByTestId('server-print').isDisabled(),
    ).toBe(true);
    await screenshot(page, '26-report-server-print');
  });

  it('retires a table, a printer and a terminal, and brings the table back', async () => {
    await navigate(page, /Instellingen/);
    await page.getByTestId('settings-floors').click();
    await page.getByTestId('edit-place-T20').click();
    await page.getByTestId('place-retire').click();
    await page.getByTestId('reactivate-place-T20').waitFor();
    expect(await page.getByTestId('edit-place-T20').count()).toBe(0);
    // A floor still holding tables is refused, with the reason.
    await page.getByTestId('edit-floor-zaal').click();
    await page.getByTestId('floor-retire').click();
    await expect.poll(() => page.locator('[role="alert"]').first().innerText()).toContain('tafels');
    await screenshot(page, '27-settings-retired');
    await navigate(page, /Tafels/);
    await page.getByTestId('floor-tab-boven').click();
    await expect.poll(() => page.getByTestId('place-T20').count()).toBe(0);
    await navigate(page, /Instellingen/);
    await page.getByTestId('settings-floors').click();
    await page.getByTestId('reactivate-place-T20').click();
    await page.getByTestId('edit-place-T20').waitFor();

    await page.getByTestId('settings-printers').click();
    await page.getByTestId('printer-uit').click();
    await page.getByTestId('printer-retire').click();
    await page.getByTestId('printer-retired-uit').waitFor();
    // The terminal's own printer cannot go: T1 prints on it.
    await page.getByTestId('printer-bon').click();
    await page.getByTestId('printer-retire').click();
    await expect.poll(() => page.locator('[role="alert"]').first().innerText()).toContain('terminal');

    await page.getByTestId('settings-terminals').click();
    // The list has loaded (T3 can be retired); this terminal's own row has no retire button.
    await page.getByTestId('terminal-retire-T3').waitFor();
    expect(await page.getByTestId('terminal-retire-T1').count()).toBe(0);
    await page.getByTestId('terminal-retire-T3').click();
    await page.getByTestId('terminal-retired-T3').waitFor();
    await screenshot(page, '28-settings-terminal-retired');
  });

  it('shows the new screens in French and English without overflow', async () => {
    for (const language of ['FR', 'EN'] as const) {
      await page.getByRole('button', { name: language, exact: true }).click();
      await page.getByTestId('settings-floors').click();
      await page.getByTestId('edit-floor-zaal').waitFor();
      await page.getByTestId('edit-place-T20').click();
      await screenshot(page, `29-settings-floors-${language.toLowerCase()}`);
      await page.getByTestId('settings-terminals').click();
      await page.getByTestId('terminal-retired-T3').waitFor();
      await screenshot(page, `30-settings-terminals-${language.toLowerCase()}`);
      expect(await overflowing(page)).toEqual([]);
    }
    await page.getByRole('button', { name: 'NL', exact: true }).click();
  });

  it('left no console error', async () => {
    await navigate(page, /Tafels/);
    await showTable(page, 'T20');
    expect(await page.getByTestId('place-T20').getAttribute('data-status')).toBe('FREE');
    expect(browser.errors).toEqual([]);
  });
});
