// The simulators must not share code with the extension: if they did, both could be wrong together and every test
// would still agree (issue 21: the sysPass simulator used the client's own filter and hid a silent password change).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SIM = join(ROOT, 'test/sim');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : /\.(ts|tsx|js|mjs)$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

/** Every module specifier: static imports and re-exports (type-only ones too), dynamic `import()` and `require()`. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]);
  return found;
}

describe('simulator independence', () => {
  it('finds the imports it checks', () => {
    expect(specifiers(`import type { A } from '../../src/a';\nexport { b } from "./b";\nimport './c';\nconst d = await import('../d');`)).toEqual(['../../src/a', './b', './c', '../d']);
  });

  it('nothing under test/sim imports from src/', () => {
    const files = sourceFiles(SIM);
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter((spec) => spec.startsWith('.') && !relative(SRC, resolve(dirname(file), spec)).startsWith('..'))
        .map((spec) => `${relative(ROOT, file)} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
