import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startApiServer } from '../support/api-server.js';
import type { ApiServer } from '../support/api-server.js';
import { connectorDefinition } from '../support/connector-fixtures.js';

const CANARY_KEY = 'canary-apikey-5e0b7a19c3';
const CANARY_SECRET = 'canary-secret-91d4e6f20b';

let t: ApiServer;
let workspace: string;
let viewer: string;

beforeAll(async () => {
  t = await startApiServer();
  await t.call('POST', '/admin/connector', ADMIN_TOKEN, connectorDefinition('crm'));
  await t.call('POST', '/admin/connector', ADMIN_TOKEN, connectorDefinition('open', { auth_type: 'none', auth_schema: { fields: [] } }));
  workspace = (await t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role: 'workspace', workspace: 'default' })).body.token;
  viewer = (await t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role: 'workspace-viewer', workspace: 'default' })).body.token;
});

afterAll(async () => {
  await t?.close();
});

const path = (connector: string) => `/workspaces/default/connectors/${connector}/credentials`;

describe('workspace credentials', () => {
  it('reads as unconfigured before anything is stored (auth none: enabled by default)', async () => {
    expect((await t.call('GET', path('crm'), viewer)).body).toEqual({ connectorId: 'crm', enabled: false, configured: false, fields: [], updatedAt: null });
    expect((await t.call('GET', path('open'), viewer)).body.enabled).toBe(true);
    expect((await t.call('GET', path('nothing'), viewer)).status).toBe(404);
  });

  it("checks the config against the connector's auth_schema, naming fields but never values", async () => {
    const missing = await t.call('PUT', path('crm'), workspace, { enabled: true, config: { region: 'eu' } });
    expect([missing.status, missing.body.error.code]).toEqual([400, 'CREDENTIALS_INVALID']);
    expect(missing.body.error.details).toEqual({ missing: ['api_key'], unknown: [] });
    const unknown = await t.call('PUT', path('crm'), workspace, { enabled: true, config: { api_key: CANARY_KEY, password: CANARY_KEY } });
    expect(unknown.body.error.details).toEqual({ missing: [], unknown: ['password'] });
    expect(unknown.text).not.toContain(CANARY_KEY);
    expect((await t.call('PUT', path('crm'), workspace, { enabled: true, config: { api_key: 42 } })).status).toBe(400);
  });

  it('stores credentials write-only: every read shows field names, never a value', async () => {
    const saved = await t.call('PUT', path('crm'), workspace, { enabled: true, config: { api_key: CANARY_KEY, region: 'eu' } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ connectorId: 'crm', enabled: true, configured: true, fields: ['api_key', 'region'] });
    expect(saved.text).not.toContain(CANARY_KEY);
    const read = await t.call('GET', path('crm'), viewer);
    expect(read.body).toMatchObject({ enabled: true, configured: true, fields: ['api_key', 'region'] });
    expect(read.text).not.toContain(CANARY_KEY);
  });

  it('opts out and back in without a config, keeping what is stored', async () => {
    expect((await t.call('PUT', path('crm'), workspace, { enabled: false })).body).toMatchObject({ enabled: false, configured: true, fields: ['api_key', 'region'] });
    expect((await t.call('PUT', path('crm'), workspace, { enabled: true })).body).toMatchObject({ enabled: true, configured: true });
  });

  it('lets viewers read but not write (403)', async () => {
    const refused = await t.call('PUT', path('crm'), viewer, { enabled: false });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('workspace secrets', () => {
  it('sets secrets, lists names only, deletes them', async () => {
    expect((await t.call('PUT', '/workspaces/default/secrets/CRM_TOKEN', workspace, { value: CANARY_SECRET })).status).toBe(204);
    expect((await t.call('PUT', '/workspaces/default/secrets/other.name', workspace, { value: 'x' })).status).toBe(204);
    const list = await t.call('GET', '/workspaces/default/secrets', viewer);
    expect(list.body).toEqual({ items: [{ name: 'CRM_TOKEN' }, { name: 'other.name' }] });
    expect(list.text).not.toContain(CANARY_SECRET);
    expect((await t.call('DELETE', '/workspaces/default/secrets/other.name', workspace)).status).toBe(204);
    expect((await t.call('DELETE', '/workspaces/default/secrets/other.name', workspace)).status).toBe(404);
    expect((await t.call('PUT', '/workspaces/default/secrets/bad%20name', workspace, { value: 'x' })).status).toBe(400);
    expect((await t.call('PUT', '/workspaces/default/secrets/CRM_TOKEN', viewer, { value: 'x' })).status).toBe(403);
  });

  it('keeps credential and secret values out of the database file in clear text', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const db = join(t.dir, 'data', 'weft.db');
    const bytes = Buffer.concat([readFileSync(db), ...(existsSync(`${db}-wal`) ? [readFileSync(`${db}-wal`)] : [])]);
    expect(bytes.includes(CANARY_KEY)).toBe(false);
    expect(bytes.includes(CANARY_SECRET)).toBe(false);
  });
});
