import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/index.js';
import type { JsonObject } from '../../../core/index.js';
import { readRestInput } from '../../../connectors/camunda-rest/rest-input.js';
import type { ConnectorOutcome } from '../../../connectors/index.js';
import { countOccurrences, createTestRuntime, job, stubLookup } from '../support/test-runtime.js';
import type { TestRuntime } from '../support/test-runtime.js';
import { json, startTestServer } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';
import { createTlsFixture } from '../support/tls-fixtures.js';
import type { TlsFixture } from '../support/tls-fixtures.js';

const TYPE = 'io.camunda:http-json:1';
let server: TestServer;
let t: TestRuntime;
let base: string;
const tokenForms: URLSearchParams[] = [];
let tls: TlsFixture;
/** A TCP server that accepts and never speaks TLS: connecting to it never completes. */
let silent: Server;
const silentSockets: Socket[] = [];

beforeAll(async () => {
  tls = createTlsFixture();
  server = await startTestServer(tls);
  base = `https://api.weft.test:${server.port}`;
  silent = createServer((socket) => silentSockets.push(socket.on('error', () => undefined)));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  server.route('/echo', (req, res) =>
    json(res, 200, { method: req.method, url: req.url, auth: req.headers.authorization ?? null, hello: req.headers.hello ?? null, body: req.body }, { 'x-seen': 'yes' }),
  );
  server.route('/missing', (_req, res) => json(res, 404, { error: 'no such thing' }));
  server.route('/text', (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('{"looks":"like json"}'));
  server.route('/moved', (_req, res) => res.writeHead(302, { location: '/echo' }).end());
  server.route('/to-other-host', (_req, res) => res.writeHead(302, { location: `https://b.weft.test:${server.port}/echo` }).end());
  server.route('/slow', () => undefined);
  server.route('/token', (req, res) => {
    const form = new URLSearchParams(req.body);
    tokenForms.push(form);
    json(res, 200, { access_token: `tok-${tokenForms.length}`, expires_in: 600, basic: req.headers.authorization ?? null });
  });
  t = await createTestRuntime({
    ca: tls.caCert,
    allow: [`api.weft.test:${server.port}`, `down.weft.test:${server.port}`, `b.weft.test:${server.port}`, `silent.weft.test:${(silent.address() as AddressInfo).port}`],
    lookup: stubLookup({ 'api.weft.test': ['127.0.0.1'], 'down.weft.test': ['127.0.0.2'], 'b.weft.test': ['127.0.0.1'], 'silent.weft.test': ['127.0.0.1'] }),
    env: { WEFT_SECRET_snUser: 'sn-user', WEFT_SECRET_snPwd: 'sn-pwd-canary' },
  });
});

afterAll(async () => {
  await t.close();
  await server.close();
  for (const socket of silentSockets) socket.destroy();
  silent.close();
});

const run = (variables: JsonObject, extra = {}): Promise<ConnectorOutcome> => t.runtime.execute(job(TYPE, variables, {}, extra));

describe('io.camunda:http-json:1', () => {
  it('runs a task written by the Modeler template unchanged (webhook_connector.bpmn inputs, nested as Zeebe maps them)', async () => {
    const outcome = await run({
      authentication: { type: 'bearer', token: 'bearer-canary-123' },
      method: 'POST',
      url: `${base}/echo`,
      connectionTimeoutInSeconds: '20',
      body: { correlationKey: 123, webhookExecuted: true },
    });
    expect(outcome).toMatchObject({
      kind: 'success',
      response: {
        status: 200,
        reason: 'OK',
        headers: { 'x-seen': 'yes', 'content-type': 'application/json' },
        body: { method: 'POST', auth: 'Bearer ***', body: '{"correlationKey":123,"webhookExecuted":true}' },
      },
    });
    expect(JSON.stringify(outcome)).not.toContain('bearer-canary');
  });

  it('accepts the flat target names too, with defaults: GET, no auth', async () => {
    const outcome = await run({ url: `${base}/echo`, 'authentication.type': 'noAuth', readTimeoutInSeconds: 20 });
    expect(outcome).toMatchObject({ kind: 'success', response: { body: { method: 'GET', auth: null } } });
  });

  it('resolves secrets in auth, headers and query (servicenow blueprint inputs) and masks them', async () => {
    const outcome = await run({
      authentication: { type: 'basic', username: '{{secrets.snUser}}', password: '{{secrets.snPwd}}' },
      method: 'POST',
      url: `${base}/echo/{{secrets.snUser}}`,
      headers: { hello: 'header secrets.snPwd' },
      queryParameters: { hello: 'query', sysparm_limit: null, list: ['a', 'b'] },
      storeResponse: false,
      connectionTimeoutInSeconds: 20,
      readTimeoutInSeconds: 20,
      body: { correlationValue: 'x', dropped: null },
      ignoreNullValues: false,
    });
    const basic = `Basic ${Buffer.from('sn-user:sn-pwd-canary').toString('base64')}`;
    const seen = server.requests.at(-1);
    expect(seen?.headers.authorization).toBe(basic);
    expect(seen?.headers.hello).toBe('header sn-pwd-canary');
    expect(seen?.url).toBe('/echo/sn-user?hello=query&list=a&list=b');
    expect(JSON.parse(seen?.body ?? '{}')).toEqual({ correlationValue: 'x', dropped: null });
    expect(JSON.stringify(outcome)).not.toContain('sn-pwd-canary');
    expect(JSON.stringify(outcome)).not.toContain(basic.slice(6));
    expect(outcome.kind === 'success' && outcome.exchanges[0].url).toBe(`${base}/echo/***?hello=query&list=a&list=b`);
  });

  it('takes workspace secrets from the vault, and neither stores nor returns them in clear', async () => {
    await t.runtime.workspaceVault.saveSecret('ws-1', 'WS_TOKEN', 'ws-token-canary-42');
    const outcome = await run({ url: `${base}/echo`, authentication: { type: 'bearer', token: '{{secrets.WS_TOKEN}}' }, body: 'x' });
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer ws-token-canary-42');
    expect(JSON.stringify(outcome)).not.toContain('ws-token-canary');
    expect(countOccurrences(t.databaseBytes(), 'ws-token-canary')).toBe(0);
  });

  it('drops null values from the body when ignoreNullValues is set', async () => {
    await run({ method: 'PUT', url: `${base}/echo`, body: { a: 1, b: null, c: { d: null } }, ignoreNullValues: 'true' });
    expect(JSON.parse(server.requests.at(-1)?.body ?? '')).toEqual({ a: 1, c: {} });
  });

  it('puts an API key in the query and masks it in the exchange record', async () => {
    const outcome = await run({
      url: `${base}/echo`,
      authentication: { type: 'apiKey', apiKeyLocation: 'query', name: 'key', value: 'qk-canary' },
    });
    expect(server.requests.at(-1)?.url).toBe('/echo?key=qk-canary');
    expect(outcome.kind === 'success' && outcome.exchanges[0].url).toBe(`${base}/echo?key=***`);
  });

  it('turns status >= 400 into error code = status, message = reason, variables.response = {headers, body}', async () => {
    const outcome = await run({ url: `${base}/missing` });
    expect(outcome).toMatchObject({
      kind: 'error',
      retryable: true,
      error: { code: '404', message: 'Not Found', variables: { response: { headers: { 'content-type': 'application/json' }, body: { error: 'no such thing' } } } },
    });
  });

  it('reports transport failures as code "500" with the precise reason in the message', async () => {
    const down = await run({ url: `https://down.weft.test:${server.port}/echo` });
    expect(down).toMatchObject({ kind: 'error', retryable: true, error: { code: '500', message: expect.stringMatching(/^UPSTREAM_UNREACHABLE: /) } });
    expect(down.kind === 'error' && down.exchanges[0].errorCode).toBe('UPSTREAM_UNREACHABLE');
    const slow = await run({ url: `${base}/slow`, readTimeoutInSeconds: '1' });
    expect(slow).toMatchObject({ kind: 'error', retryable: true, error: { code: '500', message: expect.stringMatching(/^UPSTREAM_TIMEOUT: /) } });
  });

  it('refuses plain http and private targets as non-retryable errors', async () => {
    const plain = await run({ url: 'http://localhost:4711' });
    expect(plain).toMatchObject({ kind: 'error', retryable: false, error: { code: 'SCHEME_NOT_ALLOWED' } });
    expect(plain.kind === 'error' && plain.exchanges).toEqual([
      { method: 'GET', url: 'http://localhost:4711', durationMs: 0, requestBytes: 0, responseBytes: 0, errorCode: 'SCHEME_NOT_ALLOWED' },
    ]);
    expect(await run({ url: 'https://169.254.169.254/latest' })).toMatchObject({ kind: 'error', retryable: false, error: { code: 'SSRF_BLOCKED' } });
  });

  it('follows redirects only when followRedirects is true', async () => {
    expect(await run({ url: `${base}/moved` })).toMatchObject({ kind: 'success', response: { status: 302 } });
    expect(await run({ url: `${base}/moved`, followRedirects: true })).toMatchObject({ kind: 'success', response: { status: 200, body: { url: '/echo' } } });
  });

  it('returns the body as text when documentReturnFormat.choice is TEXT', async () => {
    expect(await run({ url: `${base}/text`, documentReturnFormat: { choice: 'TEXT' } })).toMatchObject({ response: { body: '{"looks":"like json"}' } });
    expect(await run({ url: `${base}/text` })).toMatchObject({ response: { body: { looks: 'like json' } } });
  });

  it('obtains OAuth client-credentials tokens, basic-auth header style, cached per grant', async () => {
    const authentication = {
      type: 'oauth-client-credentials-flow',
      oauthTokenEndpoint: `${base}/token`,
      clientId: 'cid',
      clientSecret: 'csecret-canary',
      audience: 'api://weft',
      scopes: 'read',
      clientAuthentication: 'basicAuthHeader',
    };
    const before = tokenForms.length;
    const first = await run({ url: `${base}/echo`, authentication });
    await run({ url: `${base}/echo`, authentication });
    expect(tokenForms.length).toBe(before + 1);
    expect(Object.fromEntries(tokenForms.at(-1) as URLSearchParams)).toEqual({ grant_type: 'client_credentials', audience: 'api://weft', scope: 'read' });
    const tokenRequest = server.requests.filter((r) => r.url === '/token').at(-1);
    expect(tokenRequest?.headers.authorization).toBe(`Basic ${Buffer.from('cid:csecret-canary').toString('base64')}`);
    expect(first).toMatchObject({ kind: 'success', response: { body: { auth: 'Bearer ***' } } });
    expect(first.kind === 'success' && first.exchanges.map((e) => e.url)).toEqual([`${base}/token`, `${base}/echo`]);
  });

  it('sends client credentials in the token request body by default (credentialsBody), and asks again once the token expired', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const timed = await createTestRuntime({ ca: tls.caCert, allow: [`api.weft.test:${server.port}`], lookup: stubLookup({ 'api.weft.test': ['127.0.0.1'] }), clock });
    try {
      const authentication = { type: 'oauth-client-credentials-flow', oauthTokenEndpoint: `${base}/token`, clientId: 'cid-2', clientSecret: 'cs-body-canary', scopes: 'write' };
      const runTimed = () => timed.runtime.execute(job(TYPE, { url: `${base}/echo`, authentication }));
      const before = tokenForms.length;
      expect(await runTimed()).toMatchObject({ kind: 'success', response: { body: { auth: 'Bearer ***' } } });
      expect(Object.fromEntries(tokenForms.at(-1) as URLSearchParams)).toEqual({ grant_type: 'client_credentials', scope: 'write', client_id: 'cid-2', client_secret: 'cs-body-canary' });
      expect(server.requests.filter((r) => r.url === '/token').at(-1)?.headers.authorization).toBeUndefined();
      clock.advance(500_000); // the token (600 s) is still good
      await runTimed();
      expect(tokenForms.length).toBe(before + 1);
      clock.advance(100_000); // now it is not
      await runTimed();
      expect(tokenForms.length).toBe(before + 2);
    } finally {
      await timed.close();
    }
  });

  it('puts an API key in a header (the default location) and masks it', async () => {
    const outcome = await run({ url: `${base}/echo`, authentication: { type: 'apiKey', name: 'x-api-key', value: 'hk-canary' } });
    expect(server.requests.at(-1)?.headers['x-api-key']).toBe('hk-canary');
    expect(outcome.kind).toBe('success');
    expect(JSON.stringify(outcome)).not.toContain('hk-canary');
    await run({ url: `${base}/echo`, authentication: { type: 'apiKey', apiKeyLocation: 'headers', name: 'X-Key', value: 'hk2' } });
    expect(server.requests.at(-1)?.headers['x-key']).toBe('hk2');
  });

  it('drops the credentials when a followed redirect leaves the host', async () => {
    const outcome = await run({ url: `${base}/to-other-host`, followRedirects: true, authentication: { type: 'bearer', token: 'redirect-canary' } });
    expect(outcome).toMatchObject({ kind: 'success', response: { status: 200 } });
    const [first, second] = server.requests.slice(-2);
    expect(first).toMatchObject({ url: '/to-other-host', headers: { authorization: 'Bearer redirect-canary' } });
    expect(second!.headers.host).toBe(`b.weft.test:${server.port}`);
    expect(second!.headers.authorization).toBeUndefined();
  });

  it('gives up connecting after connectionTimeoutInSeconds: code "500", UPSTREAM_TIMEOUT', async () => {
    const port = (silent.address() as AddressInfo).port;
    const outcome = await run({ url: `https://silent.weft.test:${port}/x`, connectionTimeoutInSeconds: '1' });
    expect(outcome).toMatchObject({ kind: 'error', retryable: true, error: { code: '500', message: expect.stringMatching(/^UPSTREAM_TIMEOUT: connecting to silent\.weft\.test took longer than 1000 ms/) } });
  });

  it('has the template’s defaults: GET, 20 s connection and read timeouts, no redirects, nulls kept', () => {
    expect(readRestInput({ url: 'https://api.example.com/' })).toMatchObject({ method: 'GET', connectTimeoutMs: 20_000, readTimeoutMs: 20_000, followRedirects: false, ignoreNullValues: false });
  });

  it('uses a refresh token grant (oauth-refresh-token), client credentials in the body', async () => {
    const outcome = await run({
      url: `${base}/echo`,
      authentication: { type: 'oauth-refresh-token', oauthTokenEndpoint: `${base}/token`, clientId: 'cid', refreshToken: 'rt-canary', scopes: 'a b' },
    });
    expect(outcome.kind).toBe('success');
    expect(Object.fromEntries(tokenForms.at(-1) as URLSearchParams)).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-canary', scope: 'a b', client_id: 'cid' });
    expect(JSON.stringify(outcome)).not.toContain('rt-canary');
  });

  it('reads authentication from a reusable credential (authenticationConfiguration)', async () => {
    await run({ url: `${base}/echo`, authenticationConfiguration: { authentication: { type: 'bearer', token: 'cfg-token' } } });
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer cfg-token');
  });

  it('reports bad inputs by name, not retryable', async () => {
    expect(await run({ url: `${base}/echo`, method: 'TRACE' })).toMatchObject({ retryable: false, error: { code: 'CONNECTOR_INPUT_INVALID', message: expect.stringContaining('method') } });
    expect(await run({ url: `${base}/echo`, connectionTimeoutInSeconds: 'soon' })).toMatchObject({ error: { code: 'CONNECTOR_INPUT_INVALID', message: expect.stringContaining('connectionTimeoutInSeconds') } });
    expect(await run({ method: 'GET' })).toMatchObject({ error: { code: 'CONNECTOR_INPUT_INVALID', message: 'url is required' } });
    expect(await run({ url: `${base}/echo`, authentication: { type: 'bearer' } })).toMatchObject({ error: { message: expect.stringContaining('authentication.token') } });
    expect(await run({ url: `${base}/echo`, headers: { 'x-evil': 'a\r\nHost: b' } })).toMatchObject({ error: { code: 'CONNECTOR_INPUT_INVALID' } });
  });

  it('is bound by the org allowlist when one is set', async () => {
    await t.orgSettings.setDomainAllowlist('org-strict', ['api.example.com']);
    expect(await run({ url: `${base}/echo` }, { orgId: 'org-strict' })).toMatchObject({ error: { code: 'DOMAIN_NOT_ALLOWED' } });
  });
});
