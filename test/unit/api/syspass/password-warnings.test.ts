import { describe, expect, it } from 'vitest';
import { checkSyspassPassword, describePasswordWarnings } from '../../../../src/api/syspass/password-warnings';
import { syspassStringFilter } from '../../../../src/api/syspass/php-string-filter';

describe('checkSyspassPassword', () => {
  it('predicts the recorded editPass results', () => {
    expect(checkSyspassPassword('  Spaced Pass 2  ', 'editPass')).toEqual({ stored: 'Spaced Pass 2', warnings: ['edge_whitespace'] });
    expect(checkSyspassPassword('Pass<tag>-3 x<y', 'editPass')).toEqual({ stored: 'Pass-3 x', warnings: ['markup_stripped'] });
  });

  it('predicts that create only trims', () => {
    expect(checkSyspassPassword('  Pass<tag>-3 x<y  ', 'create')).toEqual({ stored: 'Pass<tag>-3 x<y', warnings: ['edge_whitespace'] });
  });

  it('has no warning for ordinary passwords, including emoji and a lone < before a space', () => {
    for (const p of ['Edit-Pass-1!', 'Pässwörd-🔑', 'a < b', 'x>y', '"q\'&amp;']) expect(checkSyspassPassword(p, 'editPass').warnings).toEqual([]);
  });

  it('warns when nothing would be left', () => {
    const check = checkSyspassPassword('<secret>', 'editPass');
    expect(check.warnings).toEqual(['markup_stripped', 'empty']);
    expect(describePasswordWarnings(check)).toContain('nothing would be left');
  });
});

describe('syspassStringFilter', () => {
  it('matches the recorded string filtering', () => {
    expect(syspassStringFilter('  Fixture <b>html</b> name  ')).toBe('Fixture html name');
    expect(syspassStringFilter('<i>note</i> a<b')).toBe('note a');
    expect(syspassStringFilter('  a<b>c"q\'&amp; ')).toBe('ac"q\'&amp;');
    expect(syspassStringFilter('<a href=">">x</a>y')).toBe('xy');
    expect(syspassStringFilter('a<!-- c > d -->b')).toBe('ab');
  });
});
