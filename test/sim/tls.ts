/** A self-signed certificate made with openssl, for simulators and pages served over https on 127.0.0.1. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface KeyPair {
  key: Buffer;
  cert: Buffer;
}

/** Creates a throw-away key and certificate for the given host names (and 127.0.0.1). */
export function selfSignedCert(hosts: string[] = ['localhost']): KeyPair {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-tls-'));
  try {
    const san = ['IP:127.0.0.1', ...hosts.map((h) => `DNS:${h}`)].join(',');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        `/CN=${hosts[0] ?? 'localhost'}`,
        '-addext',
        `subjectAltName=${san}`,
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
