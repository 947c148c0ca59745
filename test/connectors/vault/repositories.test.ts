import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/index.js';
import type { SqliteHandle } from '../../../models/index.js';
import { ConnectorDefinitionRepository, OrgSettingsRepository, WorkspaceCredentialRepository, WorkspaceSecretRepository, openSqlite } from '../../../models/index.js';

let dir: string;
let db: SqliteHandle;
const clock = new ManualClock(1_000);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-repos-'));
  db = await openSqlite({ path: join(dir, 'weft.db') });
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('connector repositories (the stores the runtime reads)', () => {
  it('versions definitions; key order does not make a new version; list shows the newest', async () => {
    const repo = new ConnectorDefinitionRepository(db.kysely, clock);
    expect(await repo.save({ connector_id: 'a', enabled: true, display_name: 'A' })).toEqual({ connectorId: 'a', version: 1, created: true });
    expect(await repo.save({ display_name: 'A', enabled: true, connector_id: 'a' })).toEqual({ connectorId: 'a', version: 1, created: false });
    expect(await repo.save({ connector_id: 'a', enabled: false, display_name: 'A2' })).toEqual({ connectorId: 'a', version: 2, created: true });
    await repo.save({ connector_id: 'b', display_name: 'B' });
    expect(await repo.list()).toEqual([
      { connectorId: 'a', version: 2, enabled: false },
      { connectorId: 'b', version: 1, enabled: true },
    ]);
    expect(await repo.setEnabled('a', true)).toBe(true);
    expect(await repo.latest('a')).toMatchObject({ version: 2, enabled: true, createdAt: 1_000, definition: { display_name: 'A2' } });
    expect(await repo.setEnabled('nope', true)).toBe(false);
  });

  it('lists credentials and secret names without any ciphertext', async () => {
    const credentials = new WorkspaceCredentialRepository(db.kysely, clock);
    await credentials.put('ws', 'a', { enabled: true, sealed: { keyId: 'k1', nonce: new Uint8Array(12), ciphertext: new Uint8Array(20) } });
    await credentials.put('ws', 'b', { enabled: false });
    expect(await credentials.list('ws')).toEqual([
      { connectorId: 'a', enabled: true, configured: true, updatedAt: 1_000 },
      { connectorId: 'b', enabled: false, configured: false, updatedAt: 1_000 },
    ]);
    expect(await credentials.delete('ws', 'b')).toBe(true);
    const secrets = new WorkspaceSecretRepository(db.kysely, clock);
    await secrets.put('ws', 'Z', { keyId: 'k1', nonce: new Uint8Array(12), ciphertext: new Uint8Array(17) });
    await secrets.put('ws', 'A', { keyId: 'k1', nonce: new Uint8Array(12), ciphertext: new Uint8Array(17) });
    expect(await secrets.listNames('ws')).toEqual(['A', 'Z']);
  });

  it('tells "no org allowlist" from "an empty one"', async () => {
    const org = new OrgSettingsRepository(db.kysely, clock);
    expect(await org.domainAllowlist('o')).toBeUndefined();
    await org.setDomainAllowlist('o', []);
    expect(await org.domainAllowlist('o')).toEqual([]);
    await org.setDomainAllowlist('o', ['*.example.com']);
    expect(await org.domainAllowlist('o')).toEqual(['*.example.com']);
    await org.setDomainAllowlist('o', null);
    expect(await org.domainAllowlist('o')).toBeUndefined();
  });
});
