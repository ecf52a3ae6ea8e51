import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import path from 'node:path';
import { portalMatchPatterns } from './components/extension/portal-matches';

/** Data the background loads on demand as JSON (entrypoints/background/engine.ts), copied to /data/. */
const DATA_FILES = ['kb', 'territory'];

/** Toolbar and sidebar icon sizes, drawn from store/icon.svg by `npm run icons`. */
const ACTION_ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png' };

// Permissions (each justified in README.md):
//   storage       settings (role, territory, language, portals, overlay position)
//   activeTab     analyse the current page on demand from the toolbar, without any host permission
//   scripting     inject both stages of the content script on the portals; register the first on every site
//                 once the optional permission is granted
//   contextMenus  "Rechercher dans Essor" and "Analyser ce texte comme un marché" on a selection
//   sidePanel     (Chrome) the docked panel; Firefox uses sidebar_action, which needs no permission
//   alarms        the opt-in watch (veille): twice a day, and a retry after a failure
//   notifications optional, asked when the user turns the watch's notifications on, given back when turned off
// Host access: only the portal hosts of the registry, as host_permissions, which scripting.executeScript needs to
// inject both stages there once a page has loaded (no manifest content script: one would run before the page's
// load event) and which let tabs.onUpdated tell the background a portal's URL without the "tabs" permission;
// `<all_urls>` is optional and requested from the options page.
export default defineConfig({
  outDir: 'dist',
  // No webextension-polyfill: every API used here returns promises in MV3 Chrome and Firefox, and message
  // listeners answer with sendResponse; dropping it keeps ~3 KB gzip out of the content script.
  manifestVersion: 3,
  // Explicit imports everywhere: core/, components/ and widget/ are also built outside WXT (the widget, the
  // CLI), where a forgotten auto-import would typecheck and then break at run time.
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'fr',
    // public/icon/<size>.png become `icons` by themselves (WXT); the toolbar button names them explicitly.
    action: { default_title: '__MSG_actionTitle__', default_icon: ACTION_ICONS },
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus', 'alarms', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    optional_permissions: ['notifications'],
    host_permissions: portalMatchPatterns(),
    optional_host_permissions: ['<all_urls>'],
    // sidePanel.open() (from the popup and the context menu) needs Chrome 116.
    ...(browser !== 'firefox' && { minimum_chrome_version: '116' }),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'essor@essor.invalid',
          // Same declaration as PRIVACY.md (a test compares them): reading BOAMP's record of the notice on screen
          // sends BOAMP nothing it does not serve itself; the opt-in watch sends the profile's départements.
          data_collection_permissions: { required: ['none'], optional: ['locationInfo'] },
        },
      },
    }),
  }),
  zip: {
    excludeSources: ['logs/**', 'widget-dist/**', 'test-results/**', 'playwright-report/**', 'dist/**'],
  },
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The knowledge base and the territory table, as data files fetched from the extension's own origin.
    'build:publicAssets': (wxt, files) => {
      for (const f of DATA_FILES) files.push({ absoluteSrc: path.resolve(wxt.config.root, 'data', `${f}.json`), relativeDest: `data/${f}.json` });
    },
    // WXT takes the toolbar and sidebar titles from the pages' <title>; the manifest's come from _locales.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_actionTitle__';
      const sidebar = (manifest as { sidebar_action?: { default_title?: string } }).sidebar_action;
      if (sidebar) Object.assign(sidebar, { default_title: '__MSG_extName__', default_icon: ACTION_ICONS });
    },
  },
});
