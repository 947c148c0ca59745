import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startApiServer } from '../support/api-server.js';
import type { ApiServer } from '../support/api-server.js';
import { connectorDefinition } from '../support/connector-fixtures.js';

let t: ApiServer;

beforeAll(async () => {
  t = await startApiServer();
});

afterAll(async () => {
  await t?.close();
});

describe('platform routes: connectors', () => {
  it('creates a connector, adds a version only when the definition changed, and lists it', async () => {
    const created = await t.call('POST', '/admin/connector', ADMIN_TOKEN, connectorDefinition());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ connectorId: 'crm', version: 1, enabled: true, created: true, authType: 'api_key', displayName: 'CRM' });
    const same = await t.call('POST', '/admin/connector', ADMIN_TOKEN, connectorDefinition());
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ version: 1, created: false });
    const changed = await t.call('POST', '/admin/connector', ADMIN_TOKEN, connectorDefinition('crm', { display_name: 'CRM 2' }));
    expect(changed.body).toMatchObject({ version: 2, created: true, displayName: 'CRM 2' });
    const list = await t.call('GET', '/admin/connectors', ADMIN_TOKEN);
    expect(list.body.items).toEqual([expect.objectContaining({ connectorId: 'crm', version: 2 })]);
    const one = await t.call('GET', '/admin/connectors/crm', ADMIN_TOKEN);
    expect(one.body.definition).toMatchObject({ connector_id: 'crm', display_name: 'CRM 2' });
  });

  it('refuses an invalid definition with every problem and its JSON path', async () => {
    const answer = await t.call('POST', '/admin/connector', ADMIN_TOKEN, connectorDefinition('bad', {
      auth_type: 'bearer',
      actions: [{ action_id: 'x', http_method: 'FETCH', url_template: 'https://elsewhere.example/x' }],
    }));
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('CONNECTOR_DEFINITION_INVALID');
    const paths = answer.body.error.details.problems.map((p: { path: string }) => p.path);
    expect(paths).toContain('$.actions[0].http_method');
  });

  it('flips the kill-switch, deletes, and answers 404 for unknown connectors', async () => {
    await t.call('POST', '/admin/connector', ADMIN_TOKEN, connectorDefinition('mail'));
    const off = await t.call('PATCH', '/admin/connectors/mail', ADMIN_TOKEN, { enabled: false });
    expect(off.body).toMatchObject({ connectorId: 'mail', enabled: false });
    expect((await t.call('GET', '/admin/connectors/mail', ADMIN_TOKEN)).body.enabled).toBe(false);
    expect((await t.call('PATCH', '/admin/connectors/mail', ADMIN_TOKEN, { enabled: 'no' })).status).toBe(400);
    expect((await t.call('DELETE', '/admin/connectors/mail', ADMIN_TOKEN)).status).toBe(204);
    const gone = await t.call('GET', '/admin/connectors/mail', ADMIN_TOKEN);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: { code: 'CONNECTOR_NOT_FOUND', description: 'connector not found' } });
    expect((await t.call('DELETE', '/admin/connectors/mail', ADMIN_TOKEN)).status).toBe(404);
  });
});

describe('platform routes: orgs and tokens', () => {
  it('creates orgs (slugs, unique) and lists them', async () => {
    expect((await t.call('POST', '/admin/orgs', ADMIN_TOKEN, { id: 'globex', displayName: 'Globex' })).status).toBe(201);
    const again = await t.call('POST', '/admin/orgs', ADMIN_TOKEN, { id: 'globex' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ORG_EXISTS');
    expect((await t.call('POST', '/admin/orgs', ADMIN_TOKEN, { id: 'Not A Slug' })).status).toBe(400);
    expect((await t.call('POST', '/admin/orgs', ADMIN_TOKEN, { id: 'x', extra: 1 })).body.error.code).toBe('REQUEST_INVALID');
    const list = await t.call('GET', '/admin/orgs', ADMIN_TOKEN);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual(['default', 'globex']);
  });

  it('creates a token of any role; its text works once shown and never appears again', async () => {
    const created = await t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role: 'org-admin', org: 'globex', label: 'ops' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'org-admin', orgId: 'globex', workspaceId: null, label: 'ops', revoked: false });
    expect(created.body.token).toMatch(/^weft_[A-Za-z0-9_-]{40,}$/);
    const me = await t.call('GET', '/me', created.body.token);
    expect(me.body).toEqual({ tokenId: created.body.id, role: 'org-admin', orgId: 'globex', workspaceId: null });
    const listed = await t.call('GET', '/orgs/globex/tokens', ADMIN_TOKEN);
    expect(listed.text).not.toContain(created.body.token);
    expect(listed.body.items[0]).not.toHaveProperty('token');
    const platform = await t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role: 'platform-admin' });
    expect((await t.call('GET', '/admin/orgs', platform.body.token)).status).toBe(200);
  });

  it('refuses tokens whose role and scope do not fit', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ role: 'org-admin' }, 400, 'TOKEN_ROLE_INVALID'],
      [{ role: 'platform-admin', org: 'globex' }, 400, 'TOKEN_ROLE_INVALID'],
      [{ role: 'workspace', org: 'globex' }, 400, 'TOKEN_ROLE_INVALID'],
      [{ role: 'workspace', workspace: 'nowhere' }, 404, 'WORKSPACE_NOT_FOUND'],
      [{ role: 'workspace', org: 'globex', workspace: 'default' }, 404, 'WORKSPACE_NOT_FOUND'],
      [{ role: 'org-admin', org: 'nowhere' }, 404, 'ORG_NOT_FOUND'],
      [{ role: 'root' }, 400, 'REQUEST_INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await t.call('POST', '/admin/tokens', ADMIN_TOKEN, body);
      expect([answer.status, answer.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
  });

  it('answers 401 with one body for missing, malformed, unknown and revoked tokens', async () => {
    const created = await t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role: 'workspace', workspace: 'default' });
    await t.call('DELETE', `/orgs/default/tokens/${created.body.id}`, ADMIN_TOKEN);
    const bodies = new Set<string>();
    for (const token of [undefined, 'short', 'weft_unknown-but-long-enough-token', created.body.token]) {
      const answer = await t.call('GET', '/me', token);
      expect(answer.status).toBe(401);
      bodies.add(answer.text);
    }
    const raw = await fetch(`${t.url}/me`, { headers: { authorization: 'Basic abc' } });
    expect(raw.status).toBe(401);
    bodies.add(await raw.text());
    expect(bodies.size).toBe(1);
  });
});
