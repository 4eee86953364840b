/**
 * Manifest audit: the permissions are the minimum the features need, host access is only ever optional,
 * extension pages have a strict CSP, no code comes from elsewhere, in-page resources are not fingerprintable,
 * and runtime dependencies are few, explained and pinned. Checks the source manifest and the build made from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from '../builds';

const root = path.resolve(import.meta.dirname, '../..');
const source = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
let built: typeof source;
let outDir: string;

/** Every permission with the feature that needs it; anything else is a finding. */
const NEEDED: Record<string, string> = {
  storage: 'settings, encrypted keyring and save queue (local), the unlocked key (session), managed policy',
  alarms: 'auto-lock, periodic refresh and save-queue retries survive the worker being stopped',
  idle: 'no background sync while nobody uses the computer (kind to the company server)',
  activeTab: 'the popup and shortcuts act on the current tab without host access to every site',
  clipboardWrite: 'copy username, password and OTP',
  offscreen: 'clear the clipboard after a delay (a service worker has no clipboard)',
  contextMenus: '"Generate password" on editable fields',
};

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

beforeAll(() => {
  outDir = ensureBuild('chromium');
  built = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8'));
}, 120_000);

describe.each([
  ['manifest.json', () => source],
  ['built manifest.json', () => built],
])('%s', (_name, manifest) => {
  it('asks for exactly the permissions the features need', () => {
    expect([...manifest().permissions].sort()).toEqual(Object.keys(NEEDED).sort());
  });

  it('requires no host access: server and site access are optional, asked at run time', () => {
    const m = manifest();
    expect(m.host_permissions ?? []).toEqual([]);
    expect(JSON.stringify(m.permissions)).not.toMatch(
      /<all_urls>|:\/\/|tabs|webRequest|scripting|cookies|history|debugger|nativeMessaging|management/,
    );
    expect(m.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(m.externally_connectable).toBeUndefined();
  });

  it('has a strict CSP on extension pages: script-src self, no unsafe-*, no remote origins', () => {
    const csp: string = manifest().content_security_policy.extension_pages;
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-|wasm-unsafe|\*|https?:\/\//);
    expect(manifest().content_security_policy.sandbox).toBeUndefined();
  });

  it('exposes only the in-page frames and the on-demand content module to web pages, each at a per-session URL only', () => {
    const war: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[] = manifest().web_accessible_resources;
    for (const entry of war) {
      expect(entry.matches.every((m) => m === 'http://*/*' || m === 'https://*/*')).toBe(true);
      // A fixed URL would let any page tell that the extension is installed (and frame our frames by it).
      expect(entry.use_dynamic_url, entry.resources.join()).toBe(true);
      for (const r of entry.resources) expect(r).toMatch(/^(src\/ui\/(inline-menu|save-prompt)\/index\.html|assets\/content-[\w-]+\.js)$/);
    }
  });

  it('injects only the small detector, on web pages', () => {
    const scripts = manifest().content_scripts;
    expect(scripts).toHaveLength(1);
    expect(scripts[0].matches).toEqual(['http://*/*', 'https://*/*']);
    expect(scripts[0].js).toHaveLength(1);
  });
});

describe('built files', () => {
  it('the injected content script is one classic script that loads nothing at a fixed extension URL', () => {
    const code = fs.readFileSync(path.join(outDir, built.content_scripts[0].js[0]), 'utf8');
    expect(code).not.toMatch(/^\s*import\b|\bfrom\s*["'`]|\bimport\(\s*["'`]/m);
    expect(code).toContain('import(chrome.runtime.getURL(');
  });

  it('load no remote code: no remote script, import, worker or eval in any built file', () => {
    const findings: string[] = [];
    for (const file of filesUnder(outDir)) {
      if (!/\.(js|html|css|json)$/.test(file)) continue;
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(outDir, file);
      if (/<script[^>]+src=["']?(https?:)?\/\//i.test(text)) findings.push(`${rel}: remote <script src>`);
      if (/\bimport\s*\(\s*["'`]https?:/i.test(text) || /\bfrom\s*["']https?:/i.test(text)) findings.push(`${rel}: remote import`);
      if (/importScripts\s*\(\s*["'`]https?:/i.test(text)) findings.push(`${rel}: remote importScripts`);
      if (/\beval\s*\(|\bnew Function\s*\(/.test(text)) findings.push(`${rel}: eval`);
      if (/@import\s+(url\()?["']?https?:/i.test(text)) findings.push(`${rel}: remote CSS import`);
    }
    expect(findings).toEqual([]);
  });

  it('has no inline script in any extension page (script-src self would block it anyway)', () => {
    for (const file of filesUnder(outDir).filter((f) => f.endsWith('.html'))) {
      const html = fs.readFileSync(file, 'utf8');
      expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/gi) ?? [], file).toEqual([]);
      expect(html, file).not.toMatch(/\son[a-z]+=/i);
    }
  });
});

describe('runtime dependencies', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const runtime = Object.keys(pkg.dependencies ?? {});

  it('are few, each named with its reason in the README', () => {
    // The passphrase strength estimate is two packages: its engine and its word lists (loaded on demand).
    expect(runtime.length).toBeLessThanOrEqual(7);
    for (const name of runtime) expect(readme, name).toMatch(new RegExp(`\\|\\s*\`${name.replace('/', '\\/')}\`\\s*\\|\\s*\\S.{10,}\\|`));
  });

  it('are exactly what the shipped code imports', () => {
    const imported = new Set<string>();
    for (const file of filesUnder(path.join(root, 'src')).filter((f) => /\.tsx?$/.test(f))) {
      for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/\b(?:from\s+|import\()'([^.'][^']*)'/g)) {
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
    expect([...imported].sort()).toEqual([...runtime].sort());
  });

  it('are pinned: exact versions in package.json, the same in the lock file, with integrity hashes', () => {
    for (const [name, version] of Object.entries<string>(pkg.dependencies)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      const locked = lock.packages[`node_modules/${name}`];
      expect(locked?.version, name).toBe(version);
      expect(locked?.integrity, name).toMatch(/^sha512-/);
      expect(locked?.dev, name).toBeUndefined();
    }
    expect(lock.packages[''].dependencies).toEqual(pkg.dependencies);
  });
});
