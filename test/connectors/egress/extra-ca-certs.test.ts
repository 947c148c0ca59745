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
 * child process (bundled with esbuild) — once with the variable, once without.
 */
let dir: string;
let server: TestServer;
let script: string;
let caFile: string;

beforeAll(async () => {
  const tls = createTlsFixture();
  server = await startTestServer(tls);
  server.route('/ok', (_req, res) => res.writeHead(200).end('fine'));
  dir = mkdtempSync(join(tmpdir(), 'weft-extra-ca-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, tls.caCert);
  const entry = join(dir, 'entry.ts');
  const egress = join(import.meta.dirname, '../../../connectors/egress');
  writeFileSync(
    entry,
    `import { resolveEgressOptions } from ${JSON.stringify(join(egress, 'egress-config.ts'))};
import { EgressClient } from ${JSON.stringify(join(egress, 'egress-client.ts'))};
const port = Number(process.argv[2]);
const client = new EgressClient(resolveEgressOptions({ allow: ['api.weft.test:' + port], lookup: async () => [{ address: '127.0.0.1', family: 4 }] }, {}), { now: () => Date.now() });
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
const run = async (env: Record<string, string>): Promise<string> =>
  (await promisify(execFile)(process.execPath, [script, String(server.port)], { env: { PATH: process.env.PATH ?? '', ...env } })).stdout.trim();

describe('outbound TLS trust', () => {
  it('trusts NODE_EXTRA_CA_CERTS without any explicit ca option', async () => {
    expect(await run({ NODE_EXTRA_CA_CERTS: caFile })).toBe('200');
  });

  it('does not trust the test CA without it', async () => {
    expect(await run({})).toBe('UPSTREAM_TLS_FAILED');
  });
});
