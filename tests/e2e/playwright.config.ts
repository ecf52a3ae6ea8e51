import { defineConfig } from '@playwright/test';

/** Debian's chromium; Playwright cannot download its own browser on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Playwright adds most of these already; kept so the intent survives a change of its defaults. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const PORT = Number(process.env.E2E_PORT ?? 4174);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Two workers on the 2-core machine: most of a test is waiting for a browser, and files run in parallel
  // (tests inside a file stay in order). E2E_WORKERS=1 to run one file at a time.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  // A cold Chromium with the extension can take more than 5 s to show the first badge on a loaded machine.
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  webServer: {
    command: `node widget/demo/server.mjs ${PORT}`,
    cwd: '../..',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 15_000,
  },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
});
