import { test, expect, realPages, readRealPage, servePortalPage } from './fixtures';

test('the overlay badge appears on a real BOAMP notice served at its portal URL', async ({ context }) => {
  const pages = await realPages();
  const boamp = pages.find((p) => p.file.startsWith('boamp_'))!;
  await servePortalPage(context, boamp.originalUrl, readRealPage(boamp.file));
  const page = await context.newPage();
  await page.goto(boamp.originalUrl);
  await expect(page.locator('essor-overlay')).toHaveCount(1);
  const inShadow = await page.evaluate(() => !!document.querySelector('essor-overlay')?.shadowRoot?.querySelector('.essor-root'));
  expect(inShadow).toBe(true);
});

test('the popup opens', async ({ context, extensionId }) => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('heading', { name: 'Essor' })).toBeVisible();
});
