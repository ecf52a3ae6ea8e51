// The widget on pages with a strict Content-Security-Policy: constructed stylesheets in the shadow root
// (not blocked by style-src 'self' in Chromium), the data and check scripts from the same origin, and the
// `nonce` option for engines without constructable stylesheets.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { hostPage, ready, realNotice, recordCspViolations, shell, watch } from './widget-helpers';

const STRICT = "default-src 'self'; script-src 'self'; style-src 'self'";

/** Background colour of the selected tab: the accent colour only if the widget's CSS applied. */
const selectedTabBackground = (page: Page, host: string) =>
  page.locator(host).getByRole('tab', { selected: true }).evaluate((el) => getComputedStyle(el).backgroundColor);

test('strict CSP page: both widgets render styled, load their files, and nothing is refused', async ({ page }) => {
  const seen = watch(page);
  const violations = await recordCspViolations(page);
  const response = await page.goto('/commune.csp.html');
  expect(response!.headers()['content-security-policy']).toBe(STRICT);
  const buyer = page.locator('essor-widget');
  const elected = page.locator('[data-essor]');
  await ready(buyer);
  await ready(elected);
  // The town's theme (--essor-color: #3b2f63 on the host) reaches the selected tab through the shadow root.
  expect(await selectedTabBackground(page, 'essor-widget')).toBe('rgb(59, 47, 99)');
  expect(await selectedTabBackground(page, '[data-essor]')).toBe('rgb(31, 111, 80)');
  expect(await buyer.evaluate((el) => el.shadowRoot!.adoptedStyleSheets.length)).toBe(1);
  await expect(elected.getByText('Territoire : Auvergne-Rhône-Alpes', { exact: true })).toBeVisible();

  // The tender check loads essor-check.js under the same policy.
  await buyer.getByRole('tab', { name: 'Vérifier un marché' }).click();
  await buyer.getByLabel('Collez l’objet ou le texte d’un avis (brouillon de DCE, avis publié)').fill(realNotice().text);
  await buyer.getByRole('button', { name: 'Analyser' }).click();
  await expect(buyer.getByRole('heading', { name: 'Conseils pour ce texte' })).toBeVisible();

  expect(await violations()).toEqual([]);
  expect(seen.consoleErrors.filter((m) => /Content Security Policy|Refused/i.test(m))).toEqual([]);
  expect(seen.requests.map((u) => new URL(u).pathname)).toContain('/widget/essor-check.js');
  expect(seen.errors).toEqual([]);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

// Engines without constructable stylesheets get a <style> element; a strict style-src then needs the nonce.
const noConstructedSheets = () => {
  delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
};

test('nonce option: the <style> fallback carries the page nonce and is applied', async ({ page }) => {
  const seen = watch(page);
  const violations = await recordCspViolations(page);
  await page.addInitScript(noConstructedSheets);
  await hostPage(page, '/nonce.html', shell('<essor-widget territoire="69123" nonce="r4nd0m-n0nce"></essor-widget>'), {
    'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-r4nd0m-n0nce'",
  });
  await page.goto('/nonce.html');
  const w = page.locator('essor-widget');
  await ready(w);
  const style = await w.evaluate((el) => {
    const s = el.shadowRoot!.querySelector('style');
    return { present: !!s, nonce: (s as HTMLStyleElement | null)?.nonce ?? '', adopted: 'adoptedStyleSheets' in el.shadowRoot! };
  });
  expect(style).toEqual({ present: true, nonce: 'r4nd0m-n0nce', adopted: false });
  expect(await selectedTabBackground(page, 'essor-widget')).toBe('rgb(31, 111, 80)');
  expect(await violations()).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('without the nonce, the same page refuses the <style> fallback (negative control)', async ({ page }) => {
  const violations = await recordCspViolations(page);
  await page.addInitScript(noConstructedSheets);
  await hostPage(page, '/sans-nonce.html', shell('<essor-widget territoire="69123"></essor-widget>'), {
    'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-r4nd0m-n0nce'",
  });
  await page.goto('/sans-nonce.html');
  const w = page.locator('essor-widget');
  await expect(w.getByRole('tablist')).toBeAttached();
  expect(await selectedTabBackground(page, 'essor-widget')).not.toBe('rgb(31, 111, 80)');
  expect((await violations()).some((v) => v.startsWith('style-src'))).toBe(true);
});
