import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startApiServer } from '../support/api-server.js';
import type { ApiServer } from '../support/api-server.js';
import { weft } from '../support/cli-runner.js';
import { connectorDefinition } from '../support/connector-fixtures.js';

const CANARY = 'canary-cli-credential-3c8e1f';

let dir: string;
let t: ApiServer;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-cli-admin-'));
  t = await startApiServer({ dir });
  env = { WEFT_URL: t.url, WEFT_TOKEN: ADMIN_TOKEN };
});

afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('weft token', () => {
  it('creates a token through the API (shown once), lists and revokes it', async () => {
    const created = await weft(['token', 'create', '--role', 'org-admin', '--org', 'default', '--label', 'ops'], env);
    expect(created.code).toBe(0);
    const text = /\n {2}(weft_\S+)\n/.exec(created.stdout)![1]!;
    const id = /token (tok_[0-9a-f]+) \(org-admin, org default\)/.exec(created.stdout)![1]!;
    const orgEnv = { WEFT_URL: t.url, WEFT_TOKEN: text };
    const made = JSON.parse((await weft(['token', 'create', '--role', 'workspace-viewer', '--workspace', 'default', '--json'], orgEnv)).stdout);
    expect(made).toMatchObject({ role: 'workspace-viewer', orgId: 'default', workspaceId: 'default' });
    const list = await weft(['token', 'list'], orgEnv);
    expect(list.stdout).toContain(id);
    expect(list.stdout).toContain(made.id);
    expect(list.stdout).not.toContain(text);
    expect((await weft(['token', 'revoke', made.id], orgEnv)).stdout).toBe(`token ${made.id} revoked\n`);
    const viewerRun = await weft(['instances'], { WEFT_URL: t.url, WEFT_TOKEN: made.token });
    expect(viewerRun.code).toBe(1);
    expect(viewerRun.stderr).toContain('UNAUTHENTICATED');
  });

  it('creates a token offline, straight into the data directory', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'weft-offline-'));
    const run = await weft(['token', 'create', '--offline', '--role', 'platform-admin', '--json'], { WEFT_DATA_DIR: fresh });
    expect(run.code).toBe(0);
    const token = JSON.parse(run.stdout);
    expect(token).toMatchObject({ role: 'platform-admin', orgId: null });
    expect((await weft(['token', 'create', '--offline', '--role', 'boss'], { WEFT_DATA_DIR: fresh })).code).toBe(2);
    // The server on that directory accepts it, and printed no banner (org default already exists).
    const server = await startApiServer({ dir: fresh, env: { WEFT_DATA_DIR: fresh, WEFT_ADMIN_TOKEN: '' } });
    try {
      expect((await server.call('GET', '/admin/orgs', token.token)).body.items.map((o: { id: string }) => o.id)).toEqual(['default']);
      expect(server.printed()).toBe('');
    } finally {
      await server.close();
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

describe('weft connectors and credentials', () => {
  it('adds, lists, shows, disables, enables and deletes a connector', async () => {
    const file = join(dir, 'crm.json');
    writeFileSync(file, JSON.stringify(connectorDefinition('crm')));
    expect((await weft(['connectors', 'add', file], env)).stdout).toBe('connector crm version 1 saved\n');
    expect((await weft(['connectors', 'add', file], env)).stdout).toBe('connector crm unchanged (version 1)\n');
    expect((await weft(['connectors', 'list'], env)).stdout).toMatch(/crm\s+CRM\s+api_key\s+1\s+yes/);
    expect((await weft(['connectors', 'disable', 'crm'], env)).stdout).toBe('connector crm disabled\n');
    expect(JSON.parse((await weft(['connectors', 'show', 'crm', '--json'], env)).stdout).enabled).toBe(false);
    expect((await weft(['connectors', 'enable', 'crm'], env)).stdout).toBe('connector crm enabled\n');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(connectorDefinition('bad', { auth_type: 'sorcery' })));
    const bad = await weft(['connectors', 'add', join(dir, 'bad.json')], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('$.auth_type: must be one of');
    writeFileSync(join(dir, 'gone.json'), JSON.stringify(connectorDefinition('gone')));
    await weft(['connectors', 'add', join(dir, 'gone.json')], env);
    expect((await weft(['connectors', 'delete', 'gone'], env)).code).toBe(0);
    expect((await weft(['connectors', 'show', 'gone'], env)).code).toBe(1);
  });

  it('sets credentials from a file and shows field names only', async () => {
    const config = join(dir, 'crm-credentials.json');
    writeFileSync(config, JSON.stringify({ api_key: CANARY }));
    const set = await weft(['credentials', 'set', 'crm', '--config', `@${config}`, '--workspace', 'default'], env);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('connector crm in workspace default: enabled, configured');
    expect(set.stdout).toContain('fields: api_key (values are never shown)');
    const disabled = await weft(['credentials', 'disable', 'crm', '--workspace', 'default', '--json'], env);
    expect(JSON.parse(disabled.stdout)).toMatchObject({ enabled: false, configured: true });
    const bad = await weft(['credentials', 'set', 'crm', '--config', '{"region": "eu"}', '--workspace', 'default'], env);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('missing api_key')]);
    for (const run of [set, disabled, bad]) expect(run.stdout + run.stderr).not.toContain(CANARY);
  });
});

describe('weft keys rotate', () => {
  it('re-encrypts every credential offline; the server reads them after a restart', async () => {
    await t.close();
    const dataDir = join(dir, 'data');
    const run = await weft(['keys', 'rotate'], { WEFT_DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/new data key \S+; \d+ credential\(s\) and secret\(s\) re-encrypted; retired 1 old key\(s\)/);
    t = await startApiServer({ dir });
    const shown = await t.call('GET', '/workspaces/default/connectors/crm/credentials', ADMIN_TOKEN);
    expect(shown.body).toMatchObject({ configured: true, fields: ['api_key'] });
    const db = readFileSync(join(dataDir, 'weft.db'));
    expect(db.includes(CANARY)).toBe(false);
    expect((await weft(['keys', 'rotate'], { WEFT_DATA_DIR: join(dir, 'nowhere') })).code).toBe(2);
  });
});
