import { describe, expect, it } from 'vitest';
import { parseServerAddress } from '../../src/server-address';

const base = (input: string) => {
  const parsed = parseServerAddress(input);
  return parsed.ok ? parsed.baseUrl : parsed.problem;
};

describe('parseServerAddress', () => {
  it('adds https:// to a bare host name and keeps a port and a sub-folder', () => {
    expect(base('tpm.example.com')).toBe('https://tpm.example.com');
    expect(base('  intranet:8443/tpm/ ')).toBe('https://intranet:8443/tpm');
    expect(base('http://127.0.0.1:8081')).toBe('http://127.0.0.1:8081');
  });

  it('takes the folder of a pasted page of either server', () => {
    expect(base('https://tpm.example.com/tpm/index.php/pwd/view/12')).toBe('https://tpm.example.com/tpm');
    expect(base('https://tpm.example.com/index.php/api/v5/version.json')).toBe('https://tpm.example.com');
    expect(base('https://pass.example.com/index.php?r=login#top')).toBe('https://pass.example.com');
    expect(base('https://pass.example.com/syspass/api.php')).toBe('https://pass.example.com/syspass');
  });

  it('names what is wrong with what is not an address', () => {
    expect(base('')).toBe('empty');
    expect(base('ftp://files.example.com')).toBe('invalid');
    expect(base('https://')).toBe('invalid');
    expect(base('https://alice:secret@tpm.example.com')).toBe('credentials');
  });

  it('gives the origin to ask host access for', () => {
    expect(parseServerAddress('https://tpm.example.com:8443/tpm/index.php')).toMatchObject({
      ok: true,
      origin: 'https://tpm.example.com:8443',
    });
  });
});
