// No line over the formatter's width: Biome wraps code but never a string, a comment or JSX text, so those are
// checked here, in the files Biome formats, at the width biome.jsonc sets. And no source file over 400 lines
// (split it by role or resource). Run by `npm run lint`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// biome.jsonc without its whole-line comments is JSON.
const config = JSON.parse(readFileSync('biome.jsonc', 'utf8').replace(/^\s*\/\/.*$/gm, ''));
const width = config.formatter.lineWidth;
// What biome.jsonc leaves unformatted, or formats at another width (the locale files, one message a line), and JSON
// (a JSON string cannot be wrapped: package.json's scripts, the managed schema's descriptions).
const skipped = /^(test\/fixtures\/|bench\/results\.json$|public\/_locales\/)|(^|\/)package-lock\.json$|\.(html|css|md)$/;
const formatted = /\.(ts|tsx|js|mjs|cjs|jsonc)$/;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => formatted.test(file) && !skipped.test(file));
const long = files.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => (line.length > width ? [`${file}:${i + 1}: ${line.length} characters`] : [])),
);
const MAX_LINES = 400;
const big = files
  .filter((file) => /^src\/.*\.tsx?$/.test(file))
  .flatMap((file) => {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').length;
    return lines > MAX_LINES ? [`${file}: ${lines} lines`] : [];
  });
if (long.length > 0)
  console.error(`${long.join('\n')}\n${long.length} lines over ${width} characters: wrap them by hand (strings, comments, JSX text).`);
if (big.length > 0) console.error(`${big.join('\n')}\n${big.length} source files over ${MAX_LINES} lines: split them by role or resource.`);
if (long.length > 0 || big.length > 0) process.exit(1);
