import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates } from 'node:tls';
import type { SecureContext } from 'node:tls';

/** Where Linux distributions and macOS keep the system's CA bundle, first match wins. */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/ssl/cert.pem'];

/**
 * The certificate authorities outbound connector calls trust: Node's bundled root store,
 * the operating system's bundle (`SSL_CERT_FILE` when set, else the distribution's file,
 * so a CA added with `update-ca-certificates` counts), the file named by
 * `NODE_EXTRA_CA_CERTS`, and `extra` (tests). Node alone would trust only the first and
 * third; and once a context is built by hand it would drop `NODE_EXTRA_CA_CERTS` too.
 */
function outboundCaCertificates(extra: readonly (string | Buffer)[] = []): (string | Buffer)[] {
  // Process-wide settings, like Node's own NODE_EXTRA_CA_CERTS: read from the process.
  const env = process.env;
  const out: (string | Buffer)[] = [...rootCertificates];
  for (const path of env.SSL_CERT_FILE ? [env.SSL_CERT_FILE] : SYSTEM_BUNDLES) {
    const pem = readIfPresent(path);
    if (pem === undefined) continue;
    out.push(pem);
    break;
  }
  const nodeExtra = env.NODE_EXTRA_CA_CERTS ? readIfPresent(env.NODE_EXTRA_CA_CERTS) : undefined;
  if (nodeExtra !== undefined) out.push(nodeExtra);
  return [...out, ...extra];
}

// Building a context costs tens of milliseconds: one for the process, one per list of extra CAs.
let shared: SecureContext | undefined;
const withExtra = new WeakMap<readonly (string | Buffer)[], SecureContext>();

/** The TLS context of outbound connector calls (see `outboundCaCertificates`). */
export function outboundSecureContext(extra?: readonly (string | Buffer)[]): SecureContext {
  if (!extra) return (shared ??= createSecureContext({ ca: outboundCaCertificates() }));
  let context = withExtra.get(extra);
  if (!context) {
    context = createSecureContext({ ca: outboundCaCertificates(extra) });
    withExtra.set(extra, context);
  }
  return context;
}

function readIfPresent(path: string): string | undefined {
  try {
    // A file that is not there or not readable is skipped, as Node does with NODE_EXTRA_CA_CERTS.
    const pem = readFileSync(path, 'utf8');
    return pem.includes('-----BEGIN CERTIFICATE-----') ? pem : undefined;
  } catch {
    return undefined;
  }
}
