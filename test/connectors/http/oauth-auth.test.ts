import { generateKeyPairSync, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/index.js';
import { countOccurrences, createTestRuntime, job, stubLookup } from '../support/test-runtime.js';
import type { TestRuntime } from '../support/test-runtime.js';
import { json, startTestServer } from '../support/test-server.js';
import type { SeenRequest, TestServer } from '../support/test-server.js';
import { createTlsFixture } from '../support/tls-fixtures.js';

let server: TestServer;
let t: TestRuntime;
let host: string;
const clock = new ManualClock(Date.UTC(2026, 0, 1));
const tokenCalls: URLSearchParams[] = [];
const validTokens = new Set<string>();
let issued = 0;

function definition(id: string, auth: Record<string, unknown>) {
  return {
    connector_id: id,
    display_name: id,
    ...auth,
    actions: [{ action_id: 'me', http_method: 'GET', url_template: `https://${host}/api/me` }],
    allowed_domains: [host],
    enabled: true,
  };
}

function bearer(req: SeenRequest): string {
  return String(req.headers.authorization ?? '').replace(/^Bearer /, '');
}

beforeAll(async () => {
  const tls = createTlsFixture();
  server = await startTestServer(tls);
  host = `api.weft.test:${server.port}`;
  server.route('/oauth/token', (req, res) => {
    const form = new URLSearchParams(req.body);
    tokenCalls.push(form);
    if (form.get('client_secret') === 'wrong') return json(res, 401, { error: 'invalid_client' });
    if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') !== `refresh-${issued}`) {
      return json(res, 400, { error: 'invalid_grant' });
    }
    issued++;
    const token = `access-canary-${issued}`;
    validTokens.add(token);
    return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, refresh_token: `refresh-${issued}` });
  });
  server.route('/api/me', (req, res) =>
    validTokens.has(bearer(req)) ? json(res, 200, { data: { token: bearer(req) } }) : json(res, 401, { error: { code: 'unauthorized', description: 'bad token' } }),
  );
  t = await createTestRuntime({ ca: tls.caCert, allow: [host], lookup: stubLookup({ 'api.weft.test': ['127.0.0.1'] }), clock });
});

afterAll(async () => {
  await t.close();
  await server.close();
});

describe('oauth2_client_credentials', () => {
  beforeAll(async () => {
    await t.definitions.save(
      definition('cc', {
        auth_type: 'oauth2_client_credentials',
        auth_schema: { fields: [{ name: 'client_id', label: 'Id', type: 'string' }, { name: 'client_secret', label: 'Secret', type: 'password' }] },
        auth_options: { token_url: `https://${host}/oauth/token`, scopes: 'read write' },
      }),
    );
    await t.runtime.workspaceVault.saveCredentials('ws-1', 'cc', { client_id: 'app-1', client_secret: 'cc-secret-canary' });
  });

  it('fetches a token once, caches it until it expires, refreshes once on 401', async () => {
    const before = tokenCalls.length;
    const first = await t.runtime.execute(job('connector:cc', {}, { action: 'me' }));
    expect(first).toMatchObject({ kind: 'success', response: { status: 200 } });
    expect(tokenCalls.length).toBe(before + 1);
    expect(Object.fromEntries(tokenCalls.at(-1) as URLSearchParams)).toEqual({
      grant_type: 'client_credentials',
      scope: 'read write',
      client_id: 'app-1',
      client_secret: 'cc-secret-canary',
    });
    // The token call is an exchange too, with the token URL unmasked and no secret in it.
    expect(first.kind === 'success' && first.exchanges.map((e) => [e.method, e.url, e.status])).toEqual([
      ['POST', `https://${host}/oauth/token`, 200],
      ['GET', `https://${host}/api/me`, 200],
    ]);
    expect(JSON.stringify(first)).not.toContain('access-canary');

    await t.runtime.execute(job('connector:cc', {}, { action: 'me' }));
    expect(tokenCalls.length).toBe(before + 1); // cached

    validTokens.clear(); // the API forgets the token: 401 → one new token → retry
    const afterRevoke = await t.runtime.execute(job('connector:cc', {}, { action: 'me' }));
    expect(afterRevoke).toMatchObject({ kind: 'success' });
    expect(tokenCalls.length).toBe(before + 2);

    clock.advance(3600_000); // expired → new token
    await t.runtime.execute(job('connector:cc', {}, { action: 'me' }));
    expect(tokenCalls.length).toBe(before + 3);
  });

  it('reports a refused token request as OAUTH_TOKEN_FAILED', async () => {
    await t.runtime.workspaceVault.saveCredentials('ws-bad', 'cc', { client_id: 'app-1', client_secret: 'wrong' });
    const outcome = await t.runtime.execute(job('connector:cc', {}, { action: 'me' }, { workspaceId: 'ws-bad' }));
    expect(outcome).toMatchObject({ kind: 'error', retryable: true, error: { code: 'OAUTH_TOKEN_FAILED', message: 'the token endpoint answered 401 (invalid_client)' } });
  });
});

describe('oauth2_authorization_code', () => {
  it('refreshes with the stored refresh token and writes the rotated one back, encrypted', async () => {
    await t.definitions.save(
      definition('ac', {
        auth_type: 'oauth2_authorization_code',
        auth_schema: {
          fields: [
            { name: 'client_id', label: 'Id', type: 'string' },
            { name: 'client_secret', label: 'Secret', type: 'password' },
            { name: 'refresh_token', label: 'Refresh token', type: 'password' },
          ],
        },
        auth_options: { token_url: `https://${host}/oauth/token` },
      }),
    );
    await t.runtime.workspaceVault.saveCredentials('ws-1', 'ac', { client_id: 'app-2', client_secret: 's2', refresh_token: `refresh-${issued}` });
    const before = tokenCalls.length;
    const outcome = await t.runtime.execute(job('connector:ac', {}, { action: 'me' }));
    expect(outcome).toMatchObject({ kind: 'success' });
    expect(tokenCalls.at(-1)?.get('grant_type')).toBe('refresh_token');
    const stored = await t.runtime.workspaceVault.loadCredentials('ws-1', 'ac');
    expect(stored).toMatchObject({ state: 'ready', config: { refresh_token: `refresh-${issued}`, access_token: `access-canary-${issued}` } });
    // A second run uses the stored access token: no token call.
    await t.runtime.execute(job('connector:ac', {}, { action: 'me' }));
    expect(tokenCalls.length).toBe(before + 1);
    expect(countOccurrences(t.databaseBytes(), 'access-canary')).toBe(0);
    expect(countOccurrences(t.databaseBytes(), `refresh-${issued}`)).toBe(0);
  });

  it('serializes concurrent refreshes so a rotated refresh token is used once', async () => {
    validTokens.clear();
    const before = tokenCalls.length;
    const outcomes = await Promise.all([1, 2, 3].map(() => t.runtime.execute(job('connector:ac', {}, { action: 'me' }))));
    expect(outcomes.map((o) => o.kind)).toEqual(['success', 'success', 'success']);
    expect(tokenCalls.length).toBe(before + 1);
  });
});

describe('private_key', () => {
  const keys: Record<string, { privateKey: KeyObject; publicKey: KeyObject }> = {
    RS256: generateKeyPairSync('rsa', { modulusLength: 2048 }),
    ES256: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }),
  };

  it.each(['RS256', 'ES256'] as const)('signs a %s bearer assertion the API can verify', async (alg) => {
    const pair = keys[alg];
    let seen: { header: unknown; claims: unknown } | undefined;
    server.route('/api/me', (req, res) => {
      const [header, claims, signature] = bearer(req).split('.');
      const key = alg === 'RS256' ? pair.publicKey : { key: pair.publicKey, dsaEncoding: 'ieee-p1363' as const };
      const ok = verify('sha256', Buffer.from(`${header}.${claims}`), key, Buffer.from(signature, 'base64url'));
      seen = { header: JSON.parse(Buffer.from(header, 'base64url').toString()), claims: JSON.parse(Buffer.from(claims, 'base64url').toString()) };
      return json(res, ok ? 200 : 401, { verified: ok, sub: (seen.claims as { sub: string }).sub });
    });
    const id = `pk-${alg.toLowerCase()}`;
    await t.definitions.save(
      definition(id, {
        auth_type: 'private_key',
        auth_schema: { fields: [{ name: 'username', label: 'User', type: 'string' }, { name: 'private_key', label: 'Key', type: 'password' }] },
      }),
    );
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await t.runtime.workspaceVault.saveCredentials('ws-1', id, { username: 'svc@example.com', private_key: pem, key_id: 'kid-1' });
    const outcome = await t.runtime.execute(job(`connector:${id}`, {}, { action: 'me' }));
    const now = Math.floor(clock.now() / 1000);
    // The username is a credential value: the API echoing it back gets it masked.
    expect(outcome).toMatchObject({ kind: 'success', response: { status: 200, body: { verified: true, sub: '***' } } });
    expect(seen).toMatchObject({
      header: { alg, typ: 'JWT', kid: 'kid-1' },
      claims: { iss: 'svc@example.com', sub: 'svc@example.com', aud: `https://${host}`, iat: now, exp: now + 300, jti: expect.any(String) },
    });
    expect(server.requests.at(-1)?.headers.authorization).toMatch(/^Bearer ey/);
  });
});
