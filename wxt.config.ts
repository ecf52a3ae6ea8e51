import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  outDir: 'dist',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Essor',
    permissions: ['storage'],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'essor@essor.invalid',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  zip: {
    excludeSources: ['logs/**', 'widget-dist/**', 'test-results/**', 'playwright-report/**', 'dist/**'],
  },
  vite: () => ({ plugins: [preact()] }),
});
