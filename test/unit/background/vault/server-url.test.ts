/** The worker refuses plain http:// server URLs, except for loopback and private addresses (then it warns). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkServerUrl, isLocalHost } from '../../../../src/background/vault/server-url';
import { AppError } from '../../../../src/errors';

const refuses = (url: string) => {
  try {
    checkServerUrl(url);
    return false;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return true;
  }
};

describe('server URL check', () => {
  it('refuses http:// for any public DNS name, and accepts https:// without a warning', () => {
    fc.assert(
      fc.property(fc.domain(), (domain) => {
        fc.pre(domain.includes('.') && !/^[\d.]+$/.test(domain) && !domain.endsWith('.localhost') && domain !== 'localhost');
        expect(refuses(`http://${domain}/tpm`)).toBe(true);
        expect(checkServerUrl(`https://${domain}/tpm`).warning).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('refuses http:// for public names that merely look like private IPv6 prefixes (fc…, fd…, fe80…)', () => {
    for (const host of ['fcbarcelona.com', 'fdic.gov', 'fe80.example.com', 'fc00.evil.example', 'fd.io']) {
      expect(refuses(`http://${host}/`)).toBe(true);
    }
  });

  it('refuses http:// for public IPv4 and IPv6 addresses', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const [a, b] = ip.split('.').map(Number);
        const local = a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31) || (a === 169 && b === 254);
        expect(refuses(`http://${ip}/`)).toBe(!local);
      }),
      { numRuns: 500 },
    );
    expect(refuses('http://[2001:db8::1]/')).toBe(true);
    expect(refuses('http://8.8.8.8/')).toBe(true);
  });

  it('accepts http:// for loopback, private and one-word intranet hosts, with a warning', () => {
    for (const url of [
      'http://localhost:8080',
      'http://127.0.0.1:9000/tpm',
      'http://10.1.2.3',
      'http://192.168.0.10',
      'http://172.20.0.1',
      'http://[::1]:8080',
      'http://[fd12::1]/',
      'http://nas:5000',
      'http://app.localhost',
    ]) {
      const { warning } = checkServerUrl(url);
      expect(warning, url).toMatch(/plain http/);
    }
  });

  it('refuses other schemes and credentials in the address, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          const { url } = checkServerUrl(text);
          expect(['http:', 'https:']).toContain(url.protocol);
          expect(url.username + url.password).toBe('');
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
        }
      }),
      { numRuns: 500 },
    );
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://tpm.example.com', 'https://user:pw@tpm.example.com'])
      expect(refuses(url)).toBe(true);
  });

  it('only treats real IPv6 literals as private IPv6', () => {
    expect(isLocalHost('[fd00::1]')).toBe(true);
    expect(isLocalHost('fdic.gov')).toBe(false);
  });
});
