import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock, WeftError } from '../../../core/index.js';
import type { ExchangeRecord } from '../../../connectors/index.js';
import { resolveEgressOptions } from '../../../connectors/index.js';
import { EgressClient } from '../../../connectors/egress/egress-client.js';
import type { EgressRequest } from '../../../connectors/egress/egress-client.js';
import { stubLookup } from '../support/test-runtime.js';
import { json, startTestServer } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';
import { createTlsFixture } from '../support/tls-fixtures.js';
import type { TlsFixture } from '../support/tls-fixtures.js';

let tls: TlsFixture;
let server: TestServer;
let otherCa: TlsFixture;

beforeAll(async () => {
  tls = createTlsFixture();
  otherCa = createTlsFixture('Some Other CA');
  server = await startTestServer(tls);
  server.route('/ok', (_req, res) => json(res, 200, { ok: true }));
  server.route('/slow', () => undefined); // never answers
  server.route('/late', (_req, res) => void setTimeout(() => json(res, 200, { late: true }), 500).unref());
  server.route('/bomb', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(5 * 1024 * 1024, 'a')));
  });
  server.route('/gz', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(JSON.stringify({ zipped: true })));
  });
  server.route('/redirect/other-host', (_req, res) => res.writeHead(302, { location: `https://b.weft.test:${server.port}/ok` }).end());
  server.route('/redirect/same-host', (_req, res) => res.writeHead(307, { location: '/ok' }).end());
  server.route('/redirect/private', (_req, res) => res.writeHead(302, { location: `https://internal.weft.test/ok` }).end());
  server.route('/redirect/loop', (req, res) => res.writeHead(302, { location: req.url }).end());
});

afterAll(async () => {
  await server.close();
});

function client(overrides: Partial<Parameters<typeof resolveEgressOptions>[0]> = {}) {
  return new EgressClient(
    resolveEgressOptions(
      {
        allow: [`api.weft.test:${server.port}`, `b.weft.test:${server.port}`, `elsewhere.weft.test:${server.port}`, `not-in-cert.example:${server.port}`],
        lookup: stubLookup({
          'api.weft.test': ['127.0.0.1'],
          'b.weft.test': ['127.0.0.1'],
          'internal.weft.test': ['10.0.0.7'],
          'rebind.weft.test': ['93.184.216.34', '127.0.0.1'],
          'elsewhere.weft.test': ['127.0.0.2'],
          'not-in-cert.example': ['127.0.0.1'],
        }),
        ca: tls.caCert,
        ...overrides,
      },
      {},
    ),
    systemClock,
  );
}

function request(c: EgressClient, url: string, extra: Partial<EgressRequest> = {}) {
  const exchanges: ExchangeRecord[] = [];
  const promise = c.send({
    method: 'GET',
    url,
    headers: {},
    policy: {},
    mask: (t) => t.replaceAll('SECRETKEY', '***'),
    onExchange: (r) => exchanges.push(r),
    scope: c.scope(),
    ...extra,
  });
  return { promise, exchanges };
}

async function failure(promise: Promise<unknown>): Promise<WeftError> {
  try {
    await promise;
  } catch (error) {
    return error as WeftError;
  }
  throw new Error('expected a failure');
}

describe('egress client against a real HTTPS server', () => {
  it('reaches an exempted host:port and records the exchange', async () => {
    const c = client();
    const { promise, exchanges } = request(c, `https://api.weft.test:${server.port}/ok?key=SECRETKEY`);
    const response = await promise;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ ok: true });
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ method: 'GET', status: 200, url: `https://api.weft.test:${server.port}/ok?key=***` });
    await c.close();
  });

  it('connects to the address the lookup returned, not to a fresh resolution', async () => {
    // The server listens on 127.0.0.1 only; the stub says 127.0.0.2, so the connection must fail.
    const c = client();
    expect((await failure(request(c, `https://elsewhere.weft.test:${server.port}/ok`).promise)).code).toBe('UPSTREAM_UNREACHABLE');
    await c.close();
  });

  it('refuses the same server without the exemption: loopback is SSRF', async () => {
    const c = client({ allow: [] });
    const { promise, exchanges } = request(c, `https://api.weft.test/ok`);
    const error = await failure(promise);
    expect(error.code).toBe('SSRF_BLOCKED');
    expect(exchanges[0].errorCode).toBe('SSRF_BLOCKED');
    await c.close();
  });

  it('refuses a name whose answers include a private address (DNS rebinding)', async () => {
    const c = client();
    expect((await failure(request(c, 'https://rebind.weft.test/ok').promise)).code).toBe('SSRF_BLOCKED');
    await c.close();
  });

  it.each([
    ['http://api.weft.test/ok', 'SCHEME_NOT_ALLOWED'],
    ['ftp://api.weft.test/ok', 'SCHEME_NOT_ALLOWED'],
    ['https://api.weft.test@evil.example/ok', 'URL_INVALID'],
    ['https://user:pw@api.weft.test/ok', 'URL_INVALID'],
    ['https://api.weft.test\\@evil.example/', 'URL_INVALID'],
    ['https://2130706433/', 'SSRF_BLOCKED'],
    ['https://0x7f.1/', 'SSRF_BLOCKED'],
    ['https://017700000001/', 'SSRF_BLOCKED'],
    ['https://127.1/', 'SSRF_BLOCKED'],
    ['https://[::ffff:127.0.0.1]/', 'SSRF_BLOCKED'],
    ['https://[::]/', 'SSRF_BLOCKED'],
    ['https://169.254.169.254/latest/meta-data', 'SSRF_BLOCKED'],
    ['https://[64:ff9b::a9fe:a9fe]/', 'SSRF_BLOCKED'],
    ['https://[2002:7f00:1::]/', 'SSRF_BLOCKED'],
    ['https://[2002:a9fe:a9fe::1]/', 'SSRF_BLOCKED'],
    ['https://internal.weft.test/', 'SSRF_BLOCKED'],
    ['https://8.8.8.8:8443/', 'PORT_NOT_ALLOWED'],
  ])('%s → %s', async (url, expected) => {
    const c = client();
    expect((await failure(request(c, url).promise)).code).toBe(expected);
    await c.close();
  });

  it('judges the org allowlist before connecting', async () => {
    const c = client();
    const error = await failure(request(c, `https://api.weft.test:${server.port}/ok`, { policy: { orgAllowlist: ['*.example.com'] } }).promise);
    expect(error.code).toBe('DOMAIN_NOT_ALLOWED');
    await c.close();
  });

  it('does not follow redirects unless asked', async () => {
    const c = client();
    const response = await request(c, `https://api.weft.test:${server.port}/redirect/same-host`).promise;
    expect(response.status).toBe(307);
    await c.close();
  });

  it('follows redirects hop by hop, dropping credentials when the host changes', async () => {
    const c = client();
    const before = server.requests.length;
    const { promise, exchanges } = request(c, `https://api.weft.test:${server.port}/redirect/other-host`, {
      followRedirects: true,
      headers: { authorization: 'Bearer SECRETKEY', 'x-api-key': 'SECRETKEY', 'x-trace': 'keep' },
      credentialHeaders: ['x-api-key'],
    });
    expect((await promise).status).toBe(200);
    const [first, second] = server.requests.slice(before);
    expect(first.headers.authorization).toBe('Bearer SECRETKEY');
    expect(second.headers.host).toBe(`b.weft.test:${server.port}`);
    expect(second.headers.authorization).toBeUndefined();
    expect(second.headers['x-api-key']).toBeUndefined();
    expect(second.headers['x-trace']).toBe('keep');
    expect(exchanges.map((e) => e.status)).toEqual([302, 200]);
    await c.close();
  });

  it('re-checks every redirect target against the IP rules', async () => {
    const c = client();
    const { promise, exchanges } = request(c, `https://api.weft.test:${server.port}/redirect/private`, { followRedirects: true });
    expect((await failure(promise)).code).toBe('SSRF_BLOCKED');
    expect(exchanges.map((e) => e.errorCode ?? e.status)).toEqual([302, 'SSRF_BLOCKED']);
    await c.close();
  });

  it('stops after 5 redirects', async () => {
    const c = client();
    const { promise, exchanges } = request(c, `https://api.weft.test:${server.port}/redirect/loop`, { followRedirects: true });
    expect((await failure(promise)).code).toBe('TOO_MANY_REDIRECTS');
    expect(exchanges).toHaveLength(6);
    await c.close();
  });

  it('decodes compressed bodies and reports wire bytes', async () => {
    const c = client();
    const { promise, exchanges } = request(c, `https://api.weft.test:${server.port}/gz`);
    const response = await promise;
    expect(JSON.parse(response.body.toString())).toEqual({ zipped: true });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(exchanges[0].responseBytes).toBe(gzipSync(JSON.stringify({ zipped: true })).length);
    await c.close();
  });

  it('caps the DECOMPRESSED size of a response (a gzip bomb is refused)', async () => {
    const c = client({ maxResponseBytes: 1024 * 1024 });
    const { promise, exchanges } = request(c, `https://api.weft.test:${server.port}/bomb`);
    expect((await failure(promise)).code).toBe('RESPONSE_TOO_LARGE');
    expect(exchanges[0]).toMatchObject({ status: 200, errorCode: 'RESPONSE_TOO_LARGE' });
    await c.close();
  });

  it('gives up at the total deadline', async () => {
    const c = client({ deadlineMs: 300 });
    const error = await failure(request(c, `https://api.weft.test:${server.port}/slow`, { readTimeoutMs: 0 }).promise);
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    await c.close();
  });

  it('lets a request wait as long as its own timeouts allow, past the total deadline', async () => {
    const c = client({ deadlineMs: 200 });
    const started = performance.now();
    const late = await request(c, `https://api.weft.test:${server.port}/late`, { connectTimeoutMs: 1_000, readTimeoutMs: 2_000 }).promise;
    expect(late.status).toBe(200);
    expect(JSON.parse(late.body.toString('utf8'))).toEqual({ late: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    // Without a read timeout of its own, the total deadline still ends it.
    const cut = await failure(request(c, `https://api.weft.test:${server.port}/late`, { connectTimeoutMs: 1_000, readTimeoutMs: 0 }).promise);
    expect(cut.code).toBe('UPSTREAM_TIMEOUT');
    await c.close();
  });

  it('ends an answer that never comes by its read timeout, not at the shorter total deadline', async () => {
    const c = client({ deadlineMs: 100 });
    const started = performance.now();
    const error = await failure(request(c, `https://api.weft.test:${server.port}/slow`, { connectTimeoutMs: 1_000, readTimeoutMs: 300 }).promise);
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    await c.close();
  });

  it('applies the read timeout', async () => {
    const c = client();
    const error = await failure(request(c, `https://api.weft.test:${server.port}/slow`, { readTimeoutMs: 200 }).promise);
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    await c.close();
  });

  it('refuses a certificate from a CA it does not trust', async () => {
    const c = client({ ca: otherCa.caCert });
    expect((await failure(request(c, `https://api.weft.test:${server.port}/ok`).promise)).code).toBe('UPSTREAM_TLS_FAILED');
    await c.close();
  });

  it('verifies the certificate against the host name, not the IP it connected to', async () => {
    const c = client();
    expect((await failure(request(c, `https://not-in-cert.example:${server.port}/ok`).promise)).code).toBe('UPSTREAM_TLS_FAILED');
    await c.close();
  });

  it('gives up connecting after the connect timeout (TCP accepted, TLS never answered)', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const c = client({ allow: [`api.weft.test:${port}`] });
    const started = Date.now();
    const error = await failure(request(c, `https://api.weft.test:${port}/`, { connectTimeoutMs: 300 }).promise);
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5000);
    await c.close();
    silent.close();
  });

  it('gives up a connect still opening when closed: its socket is dropped, later calls fail as cancelled', async () => {
    const accepted: Socket[] = [];
    // It reads (and ignores) what arrives, so it sees the client hang up.
    const silent = createServer((socket) => accepted.push(socket.on('error', () => undefined).resume()));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const c = client({ allow: [`api.weft.test:${port}`] });
    const controller = new AbortController();
    const url = `https://api.weft.test:${port}/`;
    const call = request(c, url, { connectTimeoutMs: 120_000, scope: c.scope(controller.signal) });
    await vi.waitFor(() => expect(accepted).toHaveLength(1));
    controller.abort();
    expect((await failure(call.promise)).code).toBe('CONNECTOR_CANCELLED');
    // The cancelled call's TLS connect is still waiting for a handshake that never comes.
    expect(accepted[0]!.destroyed).toBe(false);
    const dropped = new Promise((resolve) => accepted[0]!.once('close', resolve));
    await c.close();
    await dropped;
    const after = await failure(request(c, url).promise);
    expect(after.code).toBe('CONNECTOR_CANCELLED');
    expect(accepted).toHaveLength(1);
    silent.close();
  });

  it('opens many connections at once without a listener-leak warning (each connect listens for close)', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    const c = client();
    try {
      const calls = Array.from({ length: 40 }, () => request(c, `https://api.weft.test:${server.port}/ok`).promise);
      for (const response of await Promise.all(calls)) expect(response.status).toBe(200);
      // Node emits process warnings on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
      await c.close();
    }
  });

  it('stops when the job is cancelled', async () => {
    const c = client();
    const controller = new AbortController();
    const pending = request(c, `https://api.weft.test:${server.port}/slow`, { scope: c.scope(controller.signal) });
    setTimeout(() => controller.abort(), 100);
    expect((await failure(pending.promise)).code).toBe('CONNECTOR_CANCELLED');
    await c.close();
  });

  it('keeps no timer once an execution scope is closed (one per execution, not one per 120 s)', async () => {
    const c = client();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const scopes = Array.from({ length: 25 }, () => c.scope());
      expect(vi.getTimerCount()).toBe(25);
      for (const scope of scopes) scope.close();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    await c.close();
  });

  it('answers a body read, a cancellation and a gzip body through the same scope, in order', async () => {
    const c = client();
    const controller = new AbortController();
    const scope = c.scope(controller.signal);
    const first = await request(c, `https://api.weft.test:${server.port}/gz`, { scope }).promise;
    expect(JSON.parse(first.body.toString())).toEqual({ zipped: true });
    const slow = request(c, `https://api.weft.test:${server.port}/slow`, { scope });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(slow.promise)).code).toBe('CONNECTOR_CANCELLED');
    // The scope has ended: a later call through it is refused at once, before any answer.
    expect((await failure(request(c, `https://api.weft.test:${server.port}/ok`, { scope }).promise)).code).toBe('CONNECTOR_CANCELLED');
    scope.close();
    await c.close();
  });

  it('ignores proxy environment variables', async () => {
    const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, https_proxy: process.env.https_proxy };
    process.env.HTTPS_PROXY = 'http://127.0.0.1:9';
    process.env.https_proxy = 'http://127.0.0.1:9';
    try {
      const c = client();
      expect((await request(c, `https://api.weft.test:${server.port}/ok`).promise).status).toBe(200);
      await c.close();
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
});
