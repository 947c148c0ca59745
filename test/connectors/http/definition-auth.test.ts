import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorOutcome } from '../../../connectors/index.js';
import { createTestRuntime, job, stubLookup } from '../support/test-runtime.js';
import type { TestRuntime } from '../support/test-runtime.js';
import { json, startTestServer } from '../support/test-server.js';
import type { SeenRequest, TestServer } from '../support/test-server.js';
import { createTlsFixture } from '../support/tls-fixtures.js';

// Each auth_type of a JSON connector definition (seed 001's connection types), applied with
// the workspace's stored credentials: what the API receives, and that none of it comes back
// unmasked in the outcome or its exchange records.

let server: TestServer;
let t: TestRuntime;
let host: string;
const tokenRequests: SeenRequest[] = [];

function definition(id: string, auth: Record<string, unknown>) {
  return {
    connector_id: id,
    display_name: id,
    ...auth,
    actions: [{ action_id: 'who', http_method: 'GET', url_template: `https://${host}/whoami` }],
    allowed_domains: [host],
    enabled: true,
  };
}

beforeAll(async () => {
  const tls = createTlsFixture();
  server = await startTestServer(tls);
  host = `api.weft.test:${server.port}`;
  // Echoes the credentials it got, as a careless API might.
  server.route('/whoami', (req, res) => json(res, 200, { seen: req.headers }));
  server.route('/oauth/token', (req, res) => {
    tokenRequests.push(req);
    json(res, 200, { access_token: 'cc-token-canary', token_type: 'Bearer', expires_in: 600 });
  });
  t = await createTestRuntime({ ca: tls.caCert, allow: [host], lookup: stubLookup({ 'api.weft.test': ['127.0.0.1'] }) });
});

afterAll(async () => {
  await t.close();
  await server.close();
});

/** Save the definition and the workspace's credentials, run its action, return the request the API saw. */
async function callWith(id: string, auth: Record<string, unknown>, credentials: Record<string, string>): Promise<{ request: SeenRequest; outcome: ConnectorOutcome }> {
  await t.definitions.save(definition(id, auth));
  await t.runtime.workspaceVault.saveCredentials('ws-auth', id, credentials);
  const before = server.requests.length;
  const outcome = await t.runtime.execute(job(`connector:${id}`, {}, { action: 'who' }, { workspaceId: 'ws-auth' }));
  expect(outcome.kind).toBe('success');
  const request = server.requests.slice(before).find((r) => r.url === '/whoami');
  if (!request) throw new Error('the API was not called');
  return { request, outcome };
}

const basicOf = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const fields = (...names: string[]) => ({ fields: names.map((name) => ({ name, label: name, type: 'password', required: true })) });

describe('connector definition auth types', () => {
  it('api_key: header x-api-key by default', async () => {
    const { request, outcome } = await callWith('ak-default', { auth_type: 'api_key', auth_schema: fields('api_key') }, { api_key: 'ak-canary-1' });
    expect(request.headers['x-api-key']).toBe('ak-canary-1');
    expect(JSON.stringify(outcome)).not.toContain('ak-canary-1');
  });

  it('api_key: a header name and a prefix of the platform’s choosing', async () => {
    const { request, outcome } = await callWith(
      'ak-custom',
      { auth_type: 'api_key', auth_schema: fields('api_key'), auth_options: { name: 'Authorization', prefix: 'Token ' } },
      { api_key: 'ak-canary-2' },
    );
    expect(request.headers.authorization).toBe('Token ak-canary-2');
    expect(request.headers['x-api-key']).toBeUndefined();
    expect(JSON.stringify(outcome)).not.toContain('ak-canary-2');
  });

  it('api_key_secret: key and secret as Basic credentials by default', async () => {
    const { request, outcome } = await callWith('aks-basic', { auth_type: 'api_key_secret', auth_schema: fields('api_key', 'api_secret') }, { api_key: 'key-1', api_secret: 'sec-canary-3' });
    expect(request.headers.authorization).toBe(basicOf('key-1', 'sec-canary-3'));
    const text = JSON.stringify(outcome);
    expect(text).not.toContain('sec-canary-3');
    expect(text).not.toContain(Buffer.from('key-1:sec-canary-3').toString('base64'));
  });

  it('api_key_secret: or as two headers', async () => {
    const { request, outcome } = await callWith(
      'aks-headers',
      { auth_type: 'api_key_secret', auth_schema: fields('api_key', 'api_secret'), auth_options: { key_secret_style: 'headers', secret_header: 'X-Api-Signature' } },
      { api_key: 'key-canary-4', api_secret: 'sec-canary-4' },
    );
    expect(request.headers).toMatchObject({ 'x-api-key': 'key-canary-4', 'x-api-signature': 'sec-canary-4' });
    const text = JSON.stringify(outcome);
    expect(text).not.toContain('key-canary-4');
    expect(text).not.toContain('sec-canary-4');
  });

  it('basic: username and password', async () => {
    const { request, outcome } = await callWith('basic', { auth_type: 'basic', auth_schema: fields('username', 'password') }, { username: 'ada', password: 'pw-canary-5' });
    expect(request.headers.authorization).toBe(basicOf('ada', 'pw-canary-5'));
    expect(JSON.stringify(outcome)).not.toContain(Buffer.from('ada:pw-canary-5').toString('base64'));
  });

  it('bearer: the stored token', async () => {
    const { request, outcome } = await callWith('bearer', { auth_type: 'bearer', auth_schema: fields('token') }, { token: 'bt-canary-6' });
    expect(request.headers.authorization).toBe('Bearer bt-canary-6');
    expect(JSON.stringify(outcome)).not.toContain('bt-canary-6');
  });

  it('oauth2_client_credentials: client credentials in the form by default, or as a Basic header', async () => {
    const auth = (clientAuthentication?: 'basic') => ({
      auth_type: 'oauth2_client_credentials',
      auth_schema: fields('client_id', 'client_secret'),
      auth_options: { token_url: `https://${host}/oauth/token`, scopes: 'read', ...(clientAuthentication ? { client_authentication: clientAuthentication } : {}) },
    });
    const inBody = await callWith('cc-body', auth(), { client_id: 'app-1', client_secret: 'cs-canary-7' });
    const bodyForm = new URLSearchParams(tokenRequests.at(-1)!.body);
    expect(Object.fromEntries(bodyForm)).toEqual({ grant_type: 'client_credentials', scope: 'read', client_id: 'app-1', client_secret: 'cs-canary-7' });
    expect(tokenRequests.at(-1)!.headers.authorization).toBeUndefined();
    expect(inBody.request.headers.authorization).toBe('Bearer cc-token-canary');

    const inHeader = await callWith('cc-basic', auth('basic'), { client_id: 'app-2', client_secret: 'cs-canary-8' });
    const headerForm = new URLSearchParams(tokenRequests.at(-1)!.body);
    expect(Object.fromEntries(headerForm)).toEqual({ grant_type: 'client_credentials', scope: 'read' });
    expect(tokenRequests.at(-1)!.headers.authorization).toBe(basicOf('app-2', 'cs-canary-8'));
    expect(inHeader.request.headers.authorization).toBe('Bearer cc-token-canary');
    for (const { outcome } of [inBody, inHeader]) {
      const text = JSON.stringify(outcome);
      expect(text).not.toContain('cc-token-canary');
      expect(text).not.toContain('cs-canary');
    }
  });
});
