// Two separately written readings of PHP's FILTER_SANITIZE_STRING (the client's scanner and the simulator's port
// of the C state machine) must agree on any input; the recordings check both against the real server.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictSyspassString, syspassTrim } from '../../../../src/api/syspass/string-filter';
import { phpSanitizeString, phpTrim } from '../../../sim/syspass/php-sanitize-string';

const markup = fc.constantFrom(
  '<',
  '>',
  '"',
  "'",
  '!',
  '?',
  '-',
  '\\',
  '(',
  ')',
  'x',
  'm',
  'l',
  'e',
  'E',
  'DOCTYPE',
  '<?xml',
  '<!--',
  '-->',
  ' ',
  '\t',
  '\n',
  '\0',
  'a',
  'é',
  '🔑',
);

describe('the client filter and the simulator filter', () => {
  it('agree on markup-heavy strings', () => {
    fc.assert(
      fc.property(fc.array(markup, { maxLength: 24 }), (parts) => {
        const s = parts.join('');
        expect(predictSyspassString(s).stored).toBe(phpSanitizeString(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agree on any string, and on trim', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(predictSyspassString(s).stored).toBe(phpSanitizeString(s));
        expect(syspassTrim(s)).toBe(phpTrim(s));
      }),
      { numRuns: 5_000 },
    );
  });
});
