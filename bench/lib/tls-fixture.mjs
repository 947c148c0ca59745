// A throwaway certificate authority for the benchmarks that call HTTPS servers: made with
// the openssl CLI (as the connector tests do), EC P-256, valid two days, one server
// certificate for localhost and 127.0.0.1. The engine trusts the CA through
// NODE_EXTRA_CA_CERTS, which Node reads only at start — so run.mjs makes the CA before it
// forks a case and puts the path in that child's environment.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Create the CA and a leaf certificate it signed, as PEM files in a new temp dir.
 * @returns {{ dir: string, caPath: string, certPath: string, keyPath: string, remove(): void }}
 */
export function createTlsFixture() {
  const dir = mkdtempSync(join(tmpdir(), 'weft-bench-tls-'));
  const openssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const p256 = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    openssl('req', '-x509', ...p256, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Weft bench CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    openssl('req', ...p256, '-keyout', 'server-key.pem', '-out', 'server.csr', '-subj', '/CN=localhost');
    writeFileSync(join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`openssl could not make the benchmark's test CA: ${error.stderr?.toString().trim() || error.message}`);
  }
  return {
    dir,
    caPath: join(dir, 'ca.pem'),
    certPath: join(dir, 'server.pem'),
    keyPath: join(dir, 'server-key.pem'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
