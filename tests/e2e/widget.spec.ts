import { test, expect } from '@playwright/test';

test('the widget renders in a shadow root on the municipal demo page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/commune.html');
  await expect(page.locator('essor-widget').first()).toBeVisible();
  const hasShadow = await page.evaluate(() => !!document.querySelector('essor-widget')?.shadowRoot?.querySelector('.essor-root'));
  expect(hasShadow).toBe(true);
  expect(errors).toEqual([]);
});
