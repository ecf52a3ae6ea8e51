import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// Core runs in plain Node (it must not depend on a DOM global); components and widget in happy-dom;
// extension glue with WxtVitest's fake browser.
/** Unit tests that measure dist/ and widget-dist/ and so need the builds first. */
const BUILT = ['tests/unit/extension/bundle-size.test.ts', 'tests/unit/built/widget-size.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', environment: 'node', include: ['tests/unit/*.test.ts', 'tests/unit/core/**/*.test.ts', 'tests/unit/data/**/*.test.ts'] } },
      {
        plugins: [preact()],
        test: { name: 'components', environment: 'happy-dom', setupFiles: ['tests/unit/setup-catalogues.ts'], include: ['tests/unit/components/**/*.test.{ts,tsx}', 'tests/unit/widget/**/*.test.{ts,tsx}'] },
      },
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'extension',
          environment: 'happy-dom',
          setupFiles: ['tests/unit/setup-catalogues.ts'],
          include: ['tests/unit/extension/**/*.test.{ts,tsx}'],
          exclude: BUILT,
        },
      },
      // Tests of the built extension (size budgets): `npm test` runs them after the build, the others before it.
      { test: { name: 'built', environment: 'node', include: BUILT } },
    ],
  },
});
