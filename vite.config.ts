import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import { singleFilePage } from './build/single-file-page.ts';
import { contentScripts } from './build/content-scripts.ts';

/** crxjs builds everything but the content scripts: those are ours (build/content-scripts.ts says why). */
const { content_scripts: contentScriptList, ...crxManifest } = manifest;

/**
 * Modules the shared chunk leaves out: the vault's matcher with its Public Suffix List is only for the worker and
 * the popup's rare site-record lookup.
 */
const KEPT_APART = /[\\/]tldts[\\/]|[\\/]src[\\/]vault[\\/]/;

/** Code of the welcome and settings pages only (shared by the two, no other page). */
const SETUP_PAGES =
  /[\\/]src[\\/](ui[\\/](forms|server-setup|options|welcome)[\\/]|ui[\\/](server-state|error-note)\.tsx|server-address\.ts)/;

/** Firefox takes background scripts instead of a service worker, and needs an add-on id. */
function firefoxManifest() {
  const { background, minimum_chrome_version: _chrome, content_security_policy: _csp, storage: _storage, ...rest } = crxManifest;
  void _chrome;
  void _csp;
  void _storage; // managed_schema is Chromium's; Firefox takes managed storage from enterprise policies.
  return {
    ...rest,
    // No offscreen documents in Firefox: the background page clears the clipboard itself.
    permissions: rest.permissions.filter((p) => p !== 'offscreen'),
    background: { scripts: [background.service_worker], type: background.type },
    // frame-ancestors is not allowed in Firefox's extension_pages CSP.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'" },
    browser_specific_settings: {
      gecko: {
        id: 'tpm-syspass@extension.local',
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  } as unknown as ManifestV3Export;
}

/** Modes: `firefox` (shipped Firefox build), `e2e` and `firefox-e2e` (the same with the worker's test hooks). */
export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox' || mode === 'firefox-e2e';
  const e2e = mode === 'e2e' || mode === 'firefox-e2e';
  return {
    plugins: [
      preact(),
      crx(firefox ? { manifest: firefoxManifest(), browser: 'firefox' } : { manifest: crxManifest as ManifestV3Export }),
      contentScripts(contentScriptList, { dynamicUrl: !firefox }),
      // The popup opens on every click of the toolbar button: its page and one script to load, not five files.
      singleFilePage('src/ui/popup/index.html'),
    ],
    // tldts' own minified build: its Public Suffix List is stored far more compactly than its ES module build
    // bundles to (matcher chunk 277 → 138 KB), which the worker and the popup load on start.
    resolve: { alias: { tldts: 'tldts/dist/index.esm.min.js' } },
    build: {
      // EXT_OUT_DIR lets a second build (e.g. a benchmark's) go elsewhere without clobbering dist/.
      outDir: process.env.EXT_OUT_DIR ?? (firefox ? (e2e ? 'dist-firefox-e2e' : 'dist-firefox') : 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // A page's HTML names every chunk its script imports, so they load in parallel, not one import level after
      // another (the popup needs none: single-file-page bundles them into its script). Chunks imported at run time
      // get no preload links: from the content script those would be added to the web page.
      modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
      rolldownOptions: {
        // Code that two or more entries use goes into one chunk, not one chunk per set of users: every file is a
        // request and a response on the popup's way to its first frame (about 4 ms each on a slow machine).
        // The setup and settings pieces the welcome and settings pages share stay out of it: the in-page frames
        // load the shared chunk on every page that shows them.
        output: {
          codeSplitting: {
            groups: [{ name: 'shared', minShareCount: 2, test: (id: string) => !KEPT_APART.test(id) && !SETUP_PAGES.test(id) }],
          },
        },
        // Pages not named in the manifest: the offscreen document that clears the clipboard (Chromium only).
        // The inline menu and the save prompt are framed by web pages (web-accessible resources, not pages in the manifest).
        // The welcome page is opened by the worker on install.
        input: {
          welcome: 'src/ui/welcome/index.html',
          ...(firefox ? {} : { offscreen: 'src/ui/offscreen/index.html' }),
          'inline-menu': 'src/ui/inline-menu/index.html',
          'save-prompt': 'src/ui/save-prompt/index.html',
        },
      },
    },
    // Test-only worker hooks (background/autofill/test-hooks.ts) exist only in `vite build --mode e2e`/`firefox-e2e`;
    // shipped builds drop them.
    define: { __E2E__: JSON.stringify(e2e) },
    // Tests: `unit` in Node (fake-indexeddb), `e2e` drives the built extension in Chromium, `e2e-firefox` the Firefox
    // builds in Firefox ESR; one browser at a time.
    test: {
      projects: [
        {
          test: {
            name: 'unit',
            include: ['test/unit/**/*.test.ts', 'test/sim/**/*.test.ts'],
            environment: 'node',
            setupFiles: ['test/unit/setup.ts'],
            testTimeout: 20_000,
          },
        },
        {
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 60_000,
            fileParallelism: false,
            // The shipped and the e2e build, made once for all files (test/builds.ts).
            globalSetup: ['test/e2e/global-setup.ts'],
          },
        },
        {
          test: {
            name: 'e2e-firefox',
            include: ['test/e2e-firefox/**/*.test.ts'],
            environment: 'node',
            testTimeout: 90_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
    // The dev server is not used (tests and `npm start` load the built folder); keep it on loopback anyway.
    server: { host: '127.0.0.1', strictPort: true, port: 5173, hmr: { host: '127.0.0.1' } },
  };
});
