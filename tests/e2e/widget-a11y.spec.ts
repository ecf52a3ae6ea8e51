// Accessibility of the widget (RGAA 4.1 / WCAG 2.1 AA): axe in every mode and state, keyboard-only use,
// 320 px wide and 200 % zoom, the language of the widget's root.
import { expect, test, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { focused, hostPage, ready, realNotice, rootInfo, shell, tabTo, watch } from './widget-helpers';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function axe(page: Page, state: string) {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = r.violations.map((v) => `${state}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.failureSummary ?? ''}`);
  expect(found).toEqual([]);
  return r.passes.length;
}

async function checkTender(w: Locator) {
  await w.getByRole('tab', { name: 'Vérifier un marché' }).click();
  await w.getByRole('textbox', { name: /Collez l’objet ou le texte/ }).fill(realNotice().text);
  await w.getByRole('button', { name: 'Analyser' }).click();
  await expect(w.getByRole('heading', { name: 'Conseils pour ce texte' })).toBeVisible();
}

for (const mode of ['citoyen', 'elu', 'acheteur', 'structure'] as const) {
  test(`axe: no WCAG 2.1 A/AA violation in mode ${mode}, in every tab and state`, async ({ page }) => {
    const seen = watch(page);
    await hostPage(page, `/a11y-${mode}.html`, shell(`<essor-widget territoire="69123" mode="${mode}" themes="alimentation"></essor-widget>`));
    await page.goto(`/a11y-${mode}.html`);
    const w = page.locator('essor-widget');
    await ready(w);
    await axe(page, `${mode} search`);
    await w.getByRole('searchbox').fill('insertion');
    await axe(page, `${mode} results`);
    await w.getByRole('button', { name: /Clause sociale d'insertion/ }).first().click();
    await expect(w.getByRole('button', { name: /Retour/ })).toBeVisible();
    await axe(page, `${mode} lever opened`);
    await w.getByRole('button', { name: /Retour/ }).click();

    await w.getByRole('tab', { name: 'Parcourir par thème' }).click();
    await axe(page, `${mode} browse`);
    await w.getByRole('button', { name: /Agriculture et alimentation durables & ESS/ }).first().click();
    await expect(w.getByRole('heading', { name: 'En bref' })).toBeVisible();
    await expect(w.getByRole('heading', { name: 'Exemples' })).toBeVisible();
    await axe(page, `${mode} fiche opened`);
    await w.getByRole('button', { name: /Retour/ }).click();

    await w.getByRole('tab', { name: 'Acteurs du territoire' }).click();
    await expect(w.getByRole('heading', { name: 'La CRESS de votre région' })).toBeVisible();
    await axe(page, `${mode} actors`);

    if (mode === 'acheteur' || mode === 'structure') {
      await checkTender(w);
      await axe(page, `${mode} tender checked`);
      // Fiches are folded under their heading (issue 17): unfold, then open one.
      await w.getByRole('heading', { name: /Fiches à lire/ }).click();
      await w.getByRole('button', { name: /Commande publique responsable/ }).first().click();
      await expect(w.getByRole('heading', { level: 4, name: /Commande publique responsable/ })).toBeVisible();
      await axe(page, `${mode} tender fiche unfolded`);
    }
    expect(seen.errors).toEqual([]);
  });
}

test('axe: English widget, national view and configuration errors', async ({ page }) => {
  await page.goto('/mauvaise-config.html');
  await ready(page.locator('#bad-territory'));
  await ready(page.locator('#bad-format'));
  await axe(page, 'errors');
  await hostPage(page, '/a11y-en.html', shell('<essor-widget lang="en" mode="elu"></essor-widget>'));
  await page.goto('/a11y-en.html');
  const w = page.locator('essor-widget');
  await ready(w);
  expect(await rootInfo(w)).toMatchObject({ lang: 'en' });
  await w.getByRole('tab', { name: 'Local actors' }).click();
  await expect(w.getByText('National view: no territory chosen.')).toBeVisible();
  await axe(page, 'en national');
});

test('axe sees inside the widget shadow root (negative control)', async ({ page }) => {
  await page.goto('/commune.html');
  const w = page.locator('essor-widget');
  await ready(w);
  await w.evaluate((el) => el.shadowRoot!.querySelector('.essor-root')!.append(document.createElement('input')));
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(r.violations.map((v) => v.id)).toContain('label');
});

test('keyboard only: tabs, search, a result, back, a theme, the tender check', async ({ page }) => {
  const seen = watch(page);
  await hostPage(page, '/clavier.html', shell('<essor-widget territoire="69123" mode="acheteur"></essor-widget>'));
  await page.goto('/clavier.html');
  const w = page.locator('essor-widget');
  await ready(w);

  // Into the widget: the selected tab takes the focus; arrows move between tabs.
  let f = await tabTo(page, (x) => x.role === 'tab');
  expect(f.text).toBe('Rechercher');
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toMatchObject({ role: 'tab', text: 'Parcourir par thème' });
  await expect(w.getByRole('tab', { name: 'Parcourir par thème' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  expect(await focused(page)).toMatchObject({ text: 'Vérifier un marché' });
  await page.keyboard.press('Home');
  expect(await focused(page)).toMatchObject({ text: 'Rechercher' });

  // Search, reach a result with Tab, open it with Enter.
  f = await tabTo(page, (x) => x.type === 'search', 3);
  await page.keyboard.type('cooperative interet collectif');
  f = await tabTo(page, (x) => x.tag === 'button' && /Coopératives d'Intérêt Collectif/i.test(x.text), 12);
  await page.keyboard.press('Enter');
  await expect(w.getByRole('heading', { level: 3, name: /Coopératives d'Intérêt Collectif/i })).toBeVisible();
  // The focus moves to the heading of what opened (after its render: polled); Shift+Tab reaches "back", Space activates it.
  await expect.poll(() => focused(page)).toMatchObject({ tag: 'h3' });
  f = await tabTo(page, (x) => x.tag === 'button' && /Retour/.test(x.text), 3, 'Shift+Tab');
  await page.keyboard.press('Space');
  await expect(w.getByRole('searchbox')).toHaveValue('cooperative interet collectif');
  // Back where we were: on the result that was opened (once the list has rendered again: polled).
  await expect.poll(() => focused(page)).toMatchObject({ tag: 'button', text: expect.stringMatching(/Coopératives d'Intérêt Collectif/i) });

  // Browse by theme: a disclosure opens with Enter, a fiche opens with Space.
  await tabTo(page, (x) => x.role === 'tab', 40, 'Shift+Tab');
  await page.keyboard.press('ArrowRight');
  f = await tabTo(page, (x) => x.tag === 'button' && /Agriculture et alimentation durables \(/.test(x.text), 60);
  await page.keyboard.press('Enter');
  await expect(w.getByRole('button', { name: /^Agriculture et alimentation durables \(/ })).toHaveAttribute('aria-expanded', 'true');
  f = await tabTo(page, (x) => x.tag === 'button' && /Agriculture et alimentation durables & ESS/.test(x.text), 3);
  await page.keyboard.press('Space');
  await expect(w.getByRole('heading', { level: 3, name: /Agriculture et alimentation durables & ESS/ })).toBeVisible();

  // The tender check, from the keyboard only.
  await tabTo(page, (x) => x.role === 'tab', 40, 'Shift+Tab');
  await page.keyboard.press('End');
  // The tab's panel renders after the key: Tab only once its field is there (under load it can lag the key press).
  await expect(w.getByRole('tab', { name: 'Vérifier un marché' })).toHaveAttribute('aria-selected', 'true');
  await expect(w.locator('textarea')).toBeVisible();
  f = await tabTo(page, (x) => x.tag === 'textarea', 5);
  await page.keyboard.insertText(realNotice().text.slice(0, 3000));
  f = await tabTo(page, (x) => x.tag === 'button' && x.text === 'Analyser', 3);
  await page.keyboard.press('Enter');
  await expect(w.getByRole('heading', { name: 'Conseils pour ce texte' })).toBeVisible();
  await expect.poll(() => focused(page)).toMatchObject({ tag: 'h3', text: 'Conseils pour ce texte' });
  expect(seen.errors).toEqual([]);
});

/** True when nothing sticks out sideways: no horizontal scrolling of the page. */
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('320 px wide: everything reflows, nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/deux-widgets.html');
  const w = page.locator('#nantes');
  await ready(w);
  expect(await noSidewaysScroll(page)).toBe(true);
  const box = await w.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(320);
  for (const tab of ['Parcourir par thème', 'Acteurs du territoire', 'Vérifier un marché']) {
    await w.getByRole('tab', { name: tab }).click();
    expect(await noSidewaysScroll(page)).toBe(true);
  }
  await w.getByRole('textbox', { name: /Collez l’objet ou le texte/ }).fill(realNotice().text);
  await w.getByRole('button', { name: 'Analyser' }).click();
  await expect(w.getByRole('heading', { name: 'Conseils pour ce texte' })).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(true);
  await w.getByRole('tab', { name: 'Rechercher' }).click();
  await w.getByRole('searchbox').fill('foncier');
  await w.getByRole('button', { name: /L'accès au foncier des acteurs de l'ESS/ }).click();
  await expect(w.getByRole('heading', { name: 'Cadre juridique' })).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(true);
  // Every tab fits across the screen (they wrap instead of sticking out).
  for (const name of ['Rechercher', 'Parcourir par thème', 'Acteurs du territoire', 'Vérifier un marché']) {
    const tab = w.getByRole('tab', { name });
    await tab.scrollIntoViewIfNeeded();
    const b = (await tab.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(320);
  }
});

test('200 % zoom: a 1280 px screen at 200 % (640 CSS px, device scale 2) keeps everything readable and reachable', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto('/commune.html');
  const w = page.locator('essor-widget');
  await ready(w);
  expect(await noSidewaysScroll(page)).toBe(true);
  await w.getByRole('tab', { name: 'Acteurs du territoire' }).click();
  expect(await noSidewaysScroll(page)).toBe(true);
  // Text spacing (WCAG 1.4.12) on top of the zoom: nothing is clipped.
  await w.evaluate((el) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }');
    el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
  });
  expect(await noSidewaysScroll(page)).toBe(true);
  await expect(w.getByRole('heading', { name: 'La CRESS de votre région' })).toBeVisible();
  await context.close();
});
