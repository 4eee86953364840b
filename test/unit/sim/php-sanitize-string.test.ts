import { describe, expect, it } from 'vitest';
import { phpSanitizeString, phpTrim } from '../../sim/syspass/php-sanitize-string';

describe("the simulator's FILTER_SANITIZE_STRING", () => {
  it('reproduces the third round: a < before whitespace or a digit opens a tag', () => {
    expect(phpSanitizeString('Intra < new 2')).toBe('Intra ');
    expect(phpSanitizeString('x <\ty')).toBe('x ');
    expect(phpSanitizeString('a<b')).toBe('a');
    expect(phpSanitizeString('a <> b')).toBe('a  b');
    expect(phpSanitizeString('a <3 b')).toBe('a ');
    expect(phpSanitizeString('5 > 3')).toBe('5 > 3');
    expect(phpSanitizeString('x < y > z')).toBe('x  z');
    expect(phpSanitizeString('Tom < Jerry')).toBe('Tom ');
  });

  it('trims first (PHP whitespace: not \\f), then strips, so a trailing space the filter leaves stays', () => {
    expect(phpTrim(' \t\n\r\v\0a b\0 ')).toBe('a b');
    expect(phpTrim('\fa\f')).toBe('\fa\f');
    expect(phpSanitizeString('  Fixture <b>html</b> name  ')).toBe('Fixture html name');
  });

  it('follows PHP through quotes, nested <, comments, <? ?> blocks and NUL bytes', () => {
    expect(phpSanitizeString('<a href=">">x</a>y')).toBe('xy');
    expect(phpSanitizeString('a<b<c>d>e')).toBe('ae');
    expect(phpSanitizeString('a<!-- c > d -->b')).toBe('ab');
    expect(phpSanitizeString('x<?php echo ")"; ?>y')).toBe('xy');
    expect(phpSanitizeString('a\0b')).toBe('ab');
    expect(phpSanitizeString('ü<i>é</i>🔑')).toBe('üé🔑');
    expect(phpSanitizeString('"q\'&amp;')).toBe('"q\'&amp;');
  });
});
