/**
 * The extension builds the tests load, each made once per change of its sources: a build is remade only when a
 * file it is built from changed since it was made (a content hash), so `npm test` builds each variant once however
 * many test files use it, and a targeted run reuses what is there.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** The Chromium build as shipped: dist/, or EXT_DIST when set (so parallel runs do not share a folder). */
export const distDir = path.resolve(root, process.env.EXT_DIST ?? 'dist');
/** The Chromium build with the worker's test hooks (`vite build --mode e2e`): dist-e2e/, or EXT_E2E_DIST. */
export const e2eDist = path.resolve(root, process.env.EXT_E2E_DIST ?? 'dist-e2e');

export type Variant = 'chromium' | 'e2e';
const VARIANTS: Record<Variant, { dir: string; mode: string }> = {
  chromium: { dir: distDir, mode: 'production' },
  e2e: { dir: e2eDist, mode: 'e2e' },
};

/** What vite reads to build the extension. */
const INPUTS = ['src', 'public', 'build', 'manifest.json', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

function filesUnder(file: string): string[] {
  if (!fs.statSync(file).isDirectory()) return [file];
  return fs
    .readdirSync(file)
    .sort()
    .flatMap((name) => filesUnder(path.join(file, name)));
}

function sourcesHash(mode: string): string {
  const hash = crypto.createHash('sha256').update(mode);
  for (const file of INPUTS.flatMap((p) => filesUnder(path.join(root, p)))) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Kept outside the build, so the build holds exactly what vite wrote (tests read every file of it). */
const stampFile = (dir: string) =>
  path.join(root, 'node_modules/.cache/test-builds', `${crypto.createHash('sha256').update(dir).digest('hex').slice(0, 16)}.json`);

/** The build's own mark: its manifest's modification time (any later `vite build` into the folder changes it). */
const builtAt = (dir: string) => fs.statSync(path.join(dir, 'manifest.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0;

/** Makes `variant`'s build unless it was made from the sources as they are now; returns its folder. */
export function ensureBuild(variant: Variant): string {
  const { dir, mode } = VARIANTS[variant];
  const sources = sourcesHash(mode);
  const stamp = stampFile(dir);
  const known = fs.existsSync(stamp) ? (JSON.parse(fs.readFileSync(stamp, 'utf8')) as { sources: string; builtAt: number }) : undefined;
  if (known?.sources === sources && known.builtAt === builtAt(dir) && known.builtAt > 0) return dir;
  const started = performance.now();
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', mode, '--logLevel', 'error'], {
    cwd: root,
    env: { ...process.env, EXT_OUT_DIR: dir },
    stdio: 'inherit',
  });
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, JSON.stringify({ sources, builtAt: builtAt(dir) }));
  console.info(`Built ${path.relative(root, dir) || dir} (${variant}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}
