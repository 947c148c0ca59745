import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';
import { createTlsFixture } from '../support/tls-fixtures.js';

/**
 * NODE_EXTRA_CA_CERTS is read once, at process start, so this runs the egress client in a
 * child process (bundled with esbuild), with and without the variables that name trusted
 * CAs. argv[3], when given, is a CA file passed as the client's own `ca` option.
 */
let dir: string;
let server: TestServer;
let script: string;
let caFile: string;
let otherCaFile: string;

beforeAll(async () => {
  const tls = createTlsFixture();
  server = await startTestServer(tls);
  server.route('/ok', (_req, res) => res.writeHead(200).end('fine'));
  dir = mkdtempSync(join(tmpdir(), 'weft-extra-ca-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, tls.caCert);
  otherCaFile = join(dir, 'other-ca.pem');
  writeFileSync(otherCaFile, createTlsFixture('Unrelated CA').caCert);
  const entry = join(dir, 'entry.ts');
  const egress = join(import.meta.dirname, '../../../connectors/egress');
  writeFileSync(
    entry,
    `import { resolveEgressOptions } from ${JSON.stringify(join(egress, 'egress-config.ts'))};
import { EgressClient } from ${JSON.stringify(join(egress, 'egress-client.ts'))};
import { readFileSync } from 'node:fs';
const port = Number(process.argv[2]);
const ca = process.argv[3] ? { ca: readFileSync(process.argv[3], 'utf8') } : {};
const client = new EgressClient(resolveEgressOptions({ allow: ['api.weft.test:' + port], lookup: async () => [{ address: '127.0.0.1', family: 4 }], ...ca }, {}), { now: () => Date.now() });
try {
  const r = await client.send({ method: 'GET', url: 'https://api.weft.test:' + port + '/ok', headers: {}, policy: {}, mask: (t) => t, onExchange: () => {}, scope: client.scope() });
  console.log(String(r.status));
} catch (e) {
  console.log(e.code);
}
await client.close();
`,
  );
  script = join(dir, 'entry.mjs');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: script,
    logLevel: 'silent',
    // undici is CommonJS: give the ESM bundle a require for node built-ins.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

// Asynchronous: the server answering lives in this process, so it must not be blocked.
const run = async (env: Record<string, string>, caOption?: string): Promise<string> =>
  (await promisify(execFile)(process.execPath, [script, String(server.port), ...(caOption ? [caOption] : [])], { env: { PATH: process.env.PATH ?? '', ...env } })).stdout.trim();

describe('outbound TLS trust', () => {
  it('trusts NODE_EXTRA_CA_CERTS without any explicit ca option', async () => {
    expect(await run({ NODE_EXTRA_CA_CERTS: caFile })).toBe('200');
  });

  it('does not trust the test CA without it', async () => {
    expect(await run({})).toBe('UPSTREAM_TLS_FAILED');
  });

  it('trusts the system bundle: a CA in the file SSL_CERT_FILE names', async () => {
    expect(await run({ SSL_CERT_FILE: caFile })).toBe('200');
    // A missing file is skipped, not fatal.
    expect(await run({ SSL_CERT_FILE: join(dir, 'nowhere.pem') })).toBe('UPSTREAM_TLS_FAILED');
  });

  it('keeps NODE_EXTRA_CA_CERTS and the system bundle when a client adds a CA of its own', async () => {
    expect(await run({ NODE_EXTRA_CA_CERTS: caFile }, otherCaFile)).toBe('200');
    expect(await run({ SSL_CERT_FILE: caFile }, otherCaFile)).toBe('200');
    expect(await run({}, otherCaFile)).toBe('UPSTREAM_TLS_FAILED');
    expect(await run({}, caFile)).toBe('200');
  });
});
