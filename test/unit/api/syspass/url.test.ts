import { describe, expect, it } from 'vitest';
import { syspassEndpoint } from '../../../../src/api/syspass/url';

describe('syspassEndpoint', () => {
  it.each([
    ['https://pass.example.com', 'https://pass.example.com/api.php'],
    ['https://pass.example.com/', 'https://pass.example.com/api.php'],
    ['https://pass.example.com/syspass/index.php', 'https://pass.example.com/syspass/api.php'],
    ['https://pass.example.com/syspass/api.php?x=1#y', 'https://pass.example.com/syspass/api.php'],
    ['  pass.example.com:8443/sp/  ', 'https://pass.example.com:8443/sp/api.php'],
    ['http://10.0.0.5/index.php', 'http://10.0.0.5/api.php'],
  ])('turns %s into %s', (input, expected) => {
    expect(syspassEndpoint(input)).toBe(expected);
  });

  it.each(['', 'ftp://pass.example.com', 'https://user:pw@pass.example.com', 'http://'])('refuses %j', (input) => {
    expect(() => syspassEndpoint(input)).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});
