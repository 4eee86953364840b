/**
 * A Vite plugin that builds the content scripts so that a web page finds no file of ours at a fixed URL.
 *
 * crxjs loads a content script as a module through a small loader, and every module it imports (the script itself,
 * Vite's preload helper, the chunks it loads on demand) must then be web-accessible at its fixed
 * `chrome-extension://<id>/…` URL: any page can fetch one and so tell that the extension is installed. Chromium's
 * `use_dynamic_url` (a per-session id) does not help with those chunks: a module loaded from a dynamic URL resolves
 * its relative imports against the fixed one, which is then refused (checked in Chromium 156).
 *
 * So here each content script is bundled into one classic script that the manifest injects (never web-accessible),
 * and each module it imports at run time into one self-contained module, web-accessible only at a dynamic URL,
 * imported through `chrome.runtime.getURL` (which gives the dynamic URL). The manifest's entries are rewritten to
 * match. Budget side effect: the every-page script no longer carries a loader and Vite's preload helper.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rolldown, type OutputChunk, type Plugin as RolldownPlugin } from 'rolldown';
import type { Plugin } from 'vite';

export interface ContentScript {
  matches: string[];
  /** Source files (TypeScript), relative to the project root. */
  js: string[];
  run_at?: string;
  all_frames?: boolean;
}

/** A specifier no module resolution produces: the import of a run-time module, rewritten after bundling. */
const RUNTIME = 'runtime-module:';

/**
 * `dynamicUrl: false` for Firefox: it has no `use_dynamic_url` (it warns about the key), and its extension URLs are
 * per-installation random anyway.
 */
export function contentScripts(scripts: ContentScript[], { dynamicUrl }: { dynamicUrl: boolean }): Plugin {
  let root = '';
  let outDir = '';
  let minify = true;
  let define: Record<string, string> = {};
  return {
    name: 'content-scripts',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
      minify = config.build.minify !== false;
      define = Object.fromEntries(Object.entries(config.define ?? {}).map(([k, v]) => [k, String(v)]));
    },
    async writeBundle() {
      const runtimeModules = new Map<string, string>(); // source file → output file
      const injected: ContentScript[] = [];
      for (const script of scripts) {
        const js: string[] = [];
        for (const file of script.js) {
          const out = `assets/${path.basename(file).replace(/\.[jt]sx?$/, '')}.js`;
          const code = await bundle(path.resolve(root, file), 'iife', [runtimeImports(runtimeModules)]);
          write(out, toRuntimeUrls(code));
          js.push(out);
        }
        injected.push({ ...script, js });
      }
      for (const [source, out] of runtimeModules) write(out, await bundle(source, 'es', [noRuntimeImports]));

      const manifestPath = path.join(outDir, 'manifest.json');
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
      manifest.content_scripts = injected;
      if (runtimeModules.size) {
        const matches = [...new Set(scripts.flatMap((s) => s.matches))];
        const resources = { resources: [...runtimeModules.values()], matches, ...(dynamicUrl ? { use_dynamic_url: true } : {}) };
        manifest.web_accessible_resources = [...(manifest.web_accessible_resources ?? []), resources];
      }
      fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };

  function write(file: string, code: string): void {
    fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
    fs.writeFileSync(path.join(outDir, file), code);
  }

  /** One file: everything imported statically is inlined. */
  async function bundle(input: string, format: 'iife' | 'es', plugins: RolldownPlugin[]): Promise<string> {
    const build = await rolldown({ input, plugins, transform: { define }, treeshake: true });
    try {
      const { output } = await build.generate({ format, minify });
      const chunks = output.filter((o): o is OutputChunk => o.type === 'chunk');
      if (chunks.length !== 1) throw new Error(`${path.relative(root, input)}: bundled into ${chunks.length} files, not one`);
      return chunks[0].code;
    } finally {
      await build.close();
    }
  }
}

/** `import("runtime-module:assets/x.js")` (any quotes the minifier chose) → `import(chrome.runtime.getURL("assets/x.js"))`. */
function toRuntimeUrls(code: string): string {
  const rewritten = code.replace(
    new RegExp(`import\\((["'\`])${RUNTIME}([\\w./-]+)\\1\\)`, 'g'),
    (_m, _q, file: string) => `import(chrome.runtime.getURL(${JSON.stringify(file)}))`,
  );
  if (rewritten.includes(RUNTIME)) throw new Error(`An import of a run-time module was not rewritten`);
  return rewritten;
}

/** A content script's `import('./x')` becomes its own module, `assets/x.js`, imported by its run-time URL. */
function runtimeImports(modules: Map<string, string>): RolldownPlugin {
  return {
    name: 'runtime-imports',
    async resolveId(source, importer, { kind }) {
      if (kind !== 'dynamic-import') return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (!resolved) throw new Error(`Cannot resolve ${source} from ${importer}`);
      const out = modules.get(resolved.id) ?? `assets/content-${path.basename(resolved.id).replace(/\.[jt]sx?$/, '')}.js`;
      modules.set(resolved.id, out);
      return { id: `${RUNTIME}${out}`, external: true };
    },
  };
}

/** A run-time module has no imports of its own to load: it would have to name them by their fixed URL. */
const noRuntimeImports: RolldownPlugin = {
  name: 'no-runtime-imports',
  resolveId(source, importer, { kind }) {
    if (kind === 'dynamic-import') throw new Error(`${importer}: run-time modules cannot import at run time (${source})`);
    return null;
  },
};
