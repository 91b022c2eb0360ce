import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// What a waiter does, as browser steps: the test files read like an evening at the restaurant.

export async function logIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('login-name').fill(name);
  await page.getByTestId('login-name').press('Enter');
  await page.getByTestId('pin').fill(pin);
  await page.getByTestId('pin').press('Enter');
}

export async function openTable(page: Page, costCenterId: string): Promise<void> {
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
