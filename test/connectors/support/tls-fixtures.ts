import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A CA and a server certificate it issued, made fresh by the test with the openssl CLI. */
export interface TlsFixture {
  readonly caCert: string;
  readonly serverKey: string;
  readonly serverCert: string;
}

/** Hosts the server certificate is valid for. */
export const TEST_HOSTS = ['api.weft.test', '*.weft.test', 'weft.test', 'localhost'];

/** Create a throwaway CA (EC P-256) and a leaf for TEST_HOSTS + 127.0.0.1. */
export function createTlsFixture(commonName = 'Weft Test CA'): TlsFixture {
  const dir = mkdtempSync(join(tmpdir(), 'weft-tls-'));
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${commonName}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    run('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=api.weft.test');
    const san = [...TEST_HOSTS.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
    writeFileSync(join(dir, 'leaf.ext'), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '2', '-extfile', 'leaf.ext');
    return {
      caCert: readFileSync(join(dir, 'ca.pem'), 'utf8'),
      serverKey: readFileSync(join(dir, 'leaf.key'), 'utf8'),
      serverCert: readFileSync(join(dir, 'leaf.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
