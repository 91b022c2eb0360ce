import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// What a waiter does, as browser steps: the test files read like an evening at the restaurant.

/** Picks the name from the login screen's user list, then types the PIN on the keyboard. */
export async function logIn(page: Page, name: string, pin: string): Promise<void> {
  await page
    .getByTestId('login-users')
    .getByRole('button', { name: new RegExp(`^${name}(\\s|$)`) })
    .click();
  await page.getByTestId('pin').pressSequentially(pin);
  await page.getByTestId('pin').press('Enter');
}

export async function waitForLogin(page: Page): Promise<void> {
  await page.getByTestId('login-users').getByRole('button').first().waitFor();
}

/** Opens the table's floor tab first: the plan shows one floor at a time. */
export async function showTable(page: Page, costCenterId: string): Promise<void> {
  const tile = page.getByTestId(`place-${costCenterId}`);
  const floor = await tile.getAttribute('data-floor');
  if (floor !== null) await page.getByTestId(`floor-tab-${floor}`).click();
  await tile.waitFor();
}

export async function openTable(page: Page, costCenterId: string): Promise<void> {
  await showTable(page, costCenterId);
  await page.getByTestId(`place-${costCenterId}`).click();
  await page.getByTestId('order-lines').waitFor();
}

export async function add(
  page: Page,
  department: string,
  productId: string,
  quantity?: number,
): Promise<void> {
  await page.getByRole('tab', { name: department }).click();
  const before = await page.getByTestId('order-line').count();
  if (quantity !== undefined) await page.getByTestId('quantity').fill(String(quantity));
  await page.getByTestId(`product-${productId}`).click();
  await expect.poll(() => page.getByTestId('order-line').count()).toBe(before + 1);
}

export async function addWeighed(
  page: Page,
  department: string,
  productId: string,
  weight: string,
): Promise<void> {
  await page.getByRole('tab', { name: department }).click();
  const before = await page.getByTestId('order-line').count();
  await page.getByTestId(`product-${productId}`).click();
  await page.getByTestId('weight').fill(weight);
  await page.getByTestId('weight').press('Enter');
  await expect.poll(() => page.getByTestId('order-line').count()).toBe(before + 1);
}

/** Sets a kitchen note, then adds the article it goes with. */
export async function addWithNote(
  page: Page,
  department: string,
  productId: string,
  note: string,
): Promise<void> {
  await page.getByTestId('note').click();
  await page.getByTestId('note-text').fill(note);
  await page.getByTestId('note-text').press('Enter');
  await expect.poll(() => page.getByTestId('pending-note').textContent()).toContain(note);
  await add(page, department, productId);
  await expect.poll(() => page.getByTestId('pending-note').textContent()).not.toContain(note);
}

export async function sendToKitchen(page: Page): Promise<void> {
  await page.getByTestId('send').click();
  await expect.poll(() => page.getByTestId('order-notice').textContent()).toMatch(/\d/);
}

export async function backToTables(page: Page): Promise<void> {
  await page.getByTestId('back').click();
  await page.getByTestId('direct-sale').waitFor();
}

export async function navigate(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name }).click();
}

/** Text of the receipt element (the server's HTML) with runs of white space made single. */
export async function receiptText(page: Page, testId: string): Promise<string> {
  const text = await page.getByTestId(testId).first().innerText();
  return text.replace(/\s+/g, ' ');
}

export async function closeReceipt(page: Page): Promise<void> {
  await page.getByTestId('receipt-done').click();
  await page.getByTestId('receipt-dialog').waitFor({ state: 'detached' });
}

/**
 * Pays the open order in full with one tender (the screen's default method unless one is named)
 * and returns the text of the sale's ticket.
 */
export async function payInFull(page: Page, method?: string): Promise<string> {
  await page.getByTestId('to-pay').click();
  if (method !== undefined) await page.getByTestId(`method-${method}`).click();
  await page.getByTestId('add-tender').click();
  await page.getByTestId('pay-confirm').click();
  return receiptText(page, 'sale-receipt');
}
