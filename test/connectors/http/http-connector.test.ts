import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorOutcome } from '../../../connectors/index.js';
import { countOccurrences, createTestRuntime, job, stubLookup } from '../support/test-runtime.js';
import type { TestRuntime } from '../support/test-runtime.js';
import { json, startTestServer } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';
import { createTlsFixture } from '../support/tls-fixtures.js';

const SECRET_CANARY = 'canary-SECRET-7f3e9a';
const CREDENTIAL_CANARY = 'canary-CRED-1b2c3d';

let server: TestServer;
let t: TestRuntime;
let host: string;

function contactsDefinition(overrides: Record<string, unknown> = {}) {
  return {
    connector_id: 'contacts',
    display_name: 'Contacts API',
    auth_type: 'api_key',
    auth_schema: { fields: [{ name: 'api_key', label: 'API key', type: 'password', required: true }] },
    actions: [
      {
        action_id: 'create-contact',
        http_method: 'POST',
        url_template: `https://${host}/v1/contacts`,
        headers: { 'X-Source': 'weft {{source}}' },
        body_schema: [
          { name: 'Email', label: 'Email', required: true, type: 'string' },
          { name: 'Name', label: 'Name' },
        ],
      },
      { action_id: 'get-contact', http_method: 'GET', url_template: `https://${host}/v1/contacts/{{contact_id}}` },
      { action_id: 'echo', http_method: 'POST', url_template: `https://${host}/echo`, body_schema: [{ name: 'note', label: 'Note' }] },
      { action_id: 'fail', http_method: 'GET', url_template: `https://${host}/fail/{{kind}}` },
    ],
    allowed_domains: [host],
    enabled: true,
    ...overrides,
  };
}

beforeAll(async () => {
  const tls = createTlsFixture();
  server = await startTestServer(tls);
  host = `api.weft.test:${server.port}`;
  server.route('/v1/contacts', (req, res) =>
    req.method === 'POST'
      ? json(res, 201, { data: { id: 1001, ...JSON.parse(req.body) } })
      : json(res, 200, { data: { id: req.url.split('/')[3] } }),
  );
  server.route('/echo', (req, res) =>
    json(res, 200, { received: JSON.parse(req.body), key: req.headers['x-api-key'] }, { 'x-echo': String(req.headers['x-api-key']) }),
  );
  server.route('/fail/seed', (_req, res) => json(res, 200, { error: { code: 'INVALID_EMAIL', description: 'Bad Request: Invalid input data.' } }));
  server.route('/fail/404', (_req, res) => res.writeHead(404).end());
  server.route('/fail/503', (_req, res) => json(res, 503, { message: 'try later' }));
  t = await createTestRuntime({
    ca: tls.caCert,
    allow: [host],
    lookup: stubLookup({ 'api.weft.test': ['127.0.0.1'] }),
    env: { WEFT_SECRET_SOURCE_TAG: 'from-env' },
  });
  await t.definitions.save(contactsDefinition());
  await t.runtime.workspaceVault.saveCredentials('ws-1', 'contacts', { api_key: CREDENTIAL_CANARY });
  await t.runtime.workspaceVault.saveSecret('ws-1', 'CANARY', SECRET_CANARY);
});

afterAll(async () => {
  await t.close();
  await server.close();
});

const run = (action: string, variables: Record<string, unknown>, extra = {}): Promise<ConnectorOutcome> =>
  t.runtime.execute(job('connector:contacts', variables as never, { action }, extra));

describe('the generic handler for JSON-defined connectors', () => {
  it('handles connector:* and io.camunda:http-json:1', () => {
    expect(t.runtime.handles('connector:contacts')).toBe(true);
    expect(t.runtime.handles('io.camunda:http-json:1')).toBe(true);
    expect(t.runtime.handles('io.camunda:slack:1')).toBe(false);
  });

  it('calls the action with credentials, templated headers and the body fields', async () => {
    const outcome = await run('create-contact', { Email: 'a@example.com', Name: 'Ada', source: '{{secrets.SOURCE_TAG}}' });
    expect(outcome).toMatchObject({ kind: 'success', response: { status: 201, body: { id: 1001, Email: 'a@example.com', Name: 'Ada' } } });
    const seen = server.requests.at(-1);
    expect(seen?.headers['x-api-key']).toBe(CREDENTIAL_CANARY);
    expect(seen?.headers['x-source']).toBe('weft from-env');
    expect(JSON.parse(seen?.body ?? '')).toEqual({ Email: 'a@example.com', Name: 'Ada' });
    expect(outcome.kind === 'success' && outcome.exchanges).toEqual([
      expect.objectContaining({ method: 'POST', url: `https://${host}/v1/contacts`, status: 201 }),
    ]);
  });

  it.each([
    ['../admin', '/v1/contacts/..%2Fadmin'],
    ['..', '/v1/contacts/%2E%2E'],
    ['.', '/v1/contacts/%2E'],
    ['%2e%2e', '/v1/contacts/%252e%252e'],
    ['a/b?c=1#frag', '/v1/contacts/a%2Fb%3Fc%3D1%23frag'],
    ['x@evil.example', '/v1/contacts/x%40evil.example'],
    ['https://evil.example/', '/v1/contacts/https%3A%2F%2Fevil.example%2F'],
    ['a b\r\nHost: evil', '/v1/contacts/a%20b%0D%0AHost%3A%20evil'],
  ])('encodes the hostile path value %j as one segment', async (value, path) => {
    const outcome = await run('get-contact', { contact_id: value });
    expect(outcome.kind).toBe('success');
    expect(server.requests.at(-1)?.url).toBe(path);
    expect(server.requests.at(-1)?.headers.host).toBe(host);
  });

  it('reports a missing required field as an input error, without calling', async () => {
    const before = server.requests.length;
    const outcome = await run('create-contact', { Name: 'No email', source: 'x' });
    expect(outcome).toMatchObject({ kind: 'error', retryable: false, error: { code: 'CONNECTOR_INPUT_INVALID', message: 'missing required input: Email' } });
    expect(server.requests.length).toBe(before);
  });

  it('maps seed 003 error bodies and bare statuses to connector errors', async () => {
    // The API answered with an error: one retry fewer, like any failed execution.
    expect(await run('fail', { kind: 'seed' })).toMatchObject({
      kind: 'error',
      retryable: true,
      error: { code: 'INVALID_EMAIL', message: 'Bad Request: Invalid input data.' },
    });
    expect(await run('fail', { kind: '404' })).toMatchObject({ kind: 'error', retryable: true, error: { code: '404' } });
    const unavailable = await run('fail', { kind: '503' });
    expect(unavailable).toMatchObject({ kind: 'error', retryable: true, error: { code: '503', message: 'try later' } });
    expect(unavailable.kind === 'error' && unavailable.error.variables).toMatchObject({ response: { status: 503, body: { message: 'try later' } } });
  });

  it('masks every secret and credential value in results and exchanges, and stores none', async () => {
    const outcome = await run('echo', { note: 'token={{secrets.CANARY}}' });
    expect(outcome.kind).toBe('success');
    expect(server.requests.at(-1)?.body).toContain(SECRET_CANARY); // it did reach the API
    const text = JSON.stringify(outcome);
    expect(text).not.toContain(SECRET_CANARY);
    expect(text).not.toContain(CREDENTIAL_CANARY);
    expect(outcome).toMatchObject({ response: { body: { received: { note: 'token=***' }, key: '***' }, headers: { 'x-echo': '***' } } });
    expect(countOccurrences(t.databaseBytes(), 'canary-')).toBe(0);
  });

  it('reports a missing secret as a non-retryable input error', async () => {
    expect(await run('echo', { note: '{{secrets.NOPE}}' })).toMatchObject({
      kind: 'error',
      retryable: false,
      error: { code: 'SECRET_NOT_AVAILABLE', message: 'secret NOPE is not available' },
    });
  });

  it('refuses unknown connectors and actions', async () => {
    expect(await t.runtime.execute(job('connector:nope', {}, { action: 'x' }))).toMatchObject({ kind: 'error', error: { code: 'CONNECTOR_NOT_FOUND' } });
    expect(await run('nope', {})).toMatchObject({ kind: 'error', error: { code: 'CONNECTOR_ACTION_NOT_FOUND' } });
  });

  it('applies the org allowlist on top of allowed_domains', async () => {
    await t.orgSettings.setDomainAllowlist('org-2', ['*.example.com']);
    const outcome = await run('get-contact', { contact_id: '1' }, { orgId: 'org-2' });
    expect(outcome).toMatchObject({ kind: 'error', retryable: false, error: { code: 'DOMAIN_NOT_ALLOWED' } });
    expect(outcome.kind === 'error' && outcome.exchanges[0]).toMatchObject({ errorCode: 'DOMAIN_NOT_ALLOWED' });
  });

  it('skips a disabled connector, an opted-out workspace and an unconfigured one, with no call', async () => {
    const before = server.requests.length;
    expect(await run('get-contact', { contact_id: '1' }, { workspaceId: 'ws-unconfigured' })).toEqual({
      kind: 'skipped',
      reason: 'workspace ws-unconfigured has not configured connector contacts',
    });
    await t.runtime.workspaceVault.saveCredentials('ws-out', 'contacts', { api_key: 'k' }, false);
    expect(await run('get-contact', { contact_id: '1' }, { workspaceId: 'ws-out' })).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('opted out') });
    await t.definitions.setEnabled('contacts', false);
    expect(await run('get-contact', { contact_id: '1' })).toMatchObject({ kind: 'skipped', reason: 'connector contacts is disabled by the platform' });
    await t.definitions.setEnabled('contacts', true);
    expect(server.requests.length).toBe(before);
  });

  it('adds a definition version only when the JSON changed', async () => {
    expect(await t.definitions.save(contactsDefinition())).toMatchObject({ created: false, version: 1 });
    const { version } = await t.definitions.save(contactsDefinition({ display_name: 'Contacts v2' }));
    expect(version).toBe(2);
    expect((await t.definitions.latest('contacts'))?.version).toBe(2);
  });
});

describe('api keys in the query string', () => {
  it('sends the key as a query parameter and masks it in the exchange URL', async () => {
    await t.definitions.save({
      ...contactsDefinition({ connector_id: 'querykey' }),
      auth_options: { placement: 'query', name: 'api_key' },
    });
    await t.runtime.workspaceVault.saveCredentials('ws-1', 'querykey', { api_key: 'q-key/with space' });
    const outcome = await t.runtime.execute(job('connector:querykey', { contact_id: '7' }, { action: 'get-contact' }));
    expect(server.requests.at(-1)?.url).toBe('/v1/contacts/7?api_key=q-key%2Fwith%20space');
    expect(outcome.kind === 'success' && outcome.exchanges[0].url).toBe(`https://${host}/v1/contacts/7?api_key=***`);
  });
});

describe('form-encoded bodies', () => {
  it('sends body_encoding form with bracketed nested keys', async () => {
    await t.definitions.save({
      ...contactsDefinition({ connector_id: 'formy', auth_type: 'none', auth_schema: { fields: [] } }),
      actions: [
        {
          action_id: 'create',
          http_method: 'POST',
          url_template: `https://${host}/echo`,
          body_encoding: 'form',
          body_schema: [{ name: 'email', label: 'Email' }, { name: 'metadata', label: 'Metadata', type: 'object' }],
        },
      ],
    });
    server.route('/echo', (req, res) => json(res, 200, { raw: req.body, type: req.headers['content-type'] }));
    const outcome = await t.runtime.execute(job('connector:formy', { email: 'a+b@x.io', metadata: { order: 'A 1' } }, { action: 'create' }));
    expect(outcome).toMatchObject({
      kind: 'success',
      response: { body: { raw: 'email=a%2Bb%40x.io&metadata%5Border%5D=A%201', type: 'application/x-www-form-urlencoded' } },
    });
  });
});

