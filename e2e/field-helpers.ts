// Shared by the field e2e tests: logging in, the API as the page's user, the language switch, and the
// scan for raw codes, keys and ids in what a page shows.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function logIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('aftercare-demo');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console/);
}

/** The API as the logged-in user of the page (cookie + CSRF token). */
export async function api(
  page: Page,
  baseUrl: string,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  data?: unknown,
) {
  const me = await (await page.request.get(`${baseUrl}/api/v1/me`)).json();
  const res = await page.request.fetch(`${baseUrl}${path}`, {
    method,
    data: data as object,
    headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

export async function toEnglish(page: Page) {
  await page.getByTestId('language-switch').click();
  await page.getByText('English', { exact: true }).click();
}

/** Raw keys, snake_case codes, JSON or ids in the page's text (none expected). */
export async function rawText(page: Page) {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's rendered text, as a user reads it
  const text = await page.locator('body').innerText();
  return (
    text.match(
      /\b[a-z]+\.[a-z]+[A-Z]\w*\b|\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-zA-Z]+\.[a-zA-Z.]+\b|[0-9a-f]{8}-[0-9a-f]{4}-|\{"|\{\{/g,
    ) ?? []
  );
}

/** A work order for the demo's emergency fault ticket (站台照明回路跳闸), assigned to 刘工 when asked. */
export async function emergencyWorkOrder(page: Page, baseUrl: string, assign: boolean) {
  const tickets = await api(
    page,
    baseUrl,
    'GET',
    `/api/v1/tickets?queue=all&q=${encodeURIComponent('站台照明')}`,
  );
  const ticket = tickets.items[0];
  const engineers: { id: string; displayName: string }[] = await api(
    page,
    baseUrl,
    'GET',
    '/api/v1/work-orders/engineers',
  );
  const liu = engineers.find((e) => e.displayName.includes('刘工'))!;
  return api(
    page,
    baseUrl,
    'POST',
    `/api/v1/tickets/${ticket.id}/work-orders`,
    assign ? { engineerId: liu.id } : {},
  );
}
