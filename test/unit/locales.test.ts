/** Every language has every message, with the same placeholders; every message the code names exists. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const localesDir = path.join(root, 'public/_locales');
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const read = (locale: string): Messages => JSON.parse(fs.readFileSync(path.join(localesDir, locale, 'messages.json'), 'utf8'));
const locales = fs.readdirSync(localesDir).sort();
const en = read('en');

/** `$1`…`$9` and `$NAME$` in a message, sorted (a doubled `$$` is a literal dollar). */
function placeholdersOf(text: string): string[] {
  return [...text.replace(/\$\$/g, '').matchAll(/\$(\d|[A-Za-z_]+\$)/g)].map((m) => m[0]).sort();
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe('locales', () => {
  it('are the languages TPM and sysPass users work in', () => {
    expect(locales).toEqual(['ca', 'de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt_BR']);
  });

  it.each(locales.filter((l) => l !== 'en'))('%s has every message of en and no other', (locale) => {
    expect(Object.keys(read(locale)).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(locales)("%s keeps each message's placeholders, and no message is empty", (locale) => {
    const messages = read(locale);
    for (const [key, english] of Object.entries(en)) {
      const translated = messages[key];
      expect({ key, text: translated.message.trim().length > 0 }).toEqual({ key, text: true });
      expect({ key, placeholders: placeholdersOf(translated.message) }).toEqual({ key, placeholders: placeholdersOf(english.message) });
      expect({ key, declared: translated.placeholders }).toEqual({ key, declared: english.placeholders });
    }
  });

  it.each(locales.filter((l) => l !== 'en'))('%s is a translation, not a copy of en', (locale) => {
    const messages = read(locale);
    // Names, codes and symbols stay the same in every language; sentences do not.
    const same = Object.keys(en).filter((key) => en[key].message.split(' ').length > 3 && messages[key].message === en[key].message);
    expect(same).toEqual([]);
    expect(messages.lang.message).toBe(locale.replace('_', '-'));
  });

  it('has every message the code and the manifest name literally', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(root, 'src'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'(\w+)'/g)) used.add(m[1]);
    }
    for (const m of fs.readFileSync(path.join(root, 'manifest.json'), 'utf8').matchAll(/__MSG_(\w+)__/g)) used.add(m[1]);
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !(key in en))).toEqual([]);
  });
});
