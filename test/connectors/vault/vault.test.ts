import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WeftError } from '../../../core/index.js';
import { KEY_FILE_NAME, WorkspaceVault, openVault, rotateKeys } from '../../../connectors/index.js';
import type { SqliteHandle } from '../../../models/index.js';
import { VaultStorageRepository, WorkspaceCredentialRepository, WorkspaceSecretRepository, openSqlite } from '../../../models/index.js';
import { TEST_MASTER_KEY, countOccurrences } from '../support/test-runtime.js';

const CANARY = 'canary-Zq8vX1-credential-value';
const OTHER_KEY = Buffer.alloc(32, 7).toString('base64');

let dir: string;
let db: SqliteHandle;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-vault-'));
  db = await openSqlite({ path: join(dir, 'weft.db') });
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const storage = () => new VaultStorageRepository(db.kysely);
const workspaceVault = async (masterKey: string = TEST_MASTER_KEY) =>
  new WorkspaceVault(await openVault({ storage: storage(), masterKey }), new WorkspaceCredentialRepository(db.kysely), new WorkspaceSecretRepository(db.kysely));

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return (error as WeftError).code;
  }
}

function fileBytes(): Buffer {
  const path = join(dir, 'weft.db');
  const read = (p: string) => {
    try {
      return readFileSync(p);
    } catch {
      return Buffer.alloc(0);
    }
  };
  return Buffer.concat([read(path), read(`${path}-wal`)]);
}

describe('the credential vault on SQLite', () => {
  it('round-trips credentials and secrets, and never stores them in clear', async () => {
    const v = await workspaceVault();
    await v.saveCredentials('ws-1', 'hubspot', { token: CANARY });
    await v.saveSecret('ws-1', 'API_TOKEN', `${CANARY}-secret`);
    expect(await v.loadCredentials('ws-1', 'hubspot')).toEqual({ state: 'ready', config: { token: CANARY } });
    expect(await v.secretSource('ws-1').get('API_TOKEN')).toBe(`${CANARY}-secret`);
    expect(countOccurrences(fileBytes(), 'canary-Zq8vX1')).toBe(0);
  });

  it('uses a fresh 96-bit nonce for every record and names the key id', async () => {
    const v = await workspaceVault();
    await v.saveCredentials('ws-1', 'a', { token: 'same' });
    await v.saveCredentials('ws-1', 'b', { token: 'same' });
    const rows = await db.kysely.selectFrom('workspace_credentials').selectAll().execute();
    expect(rows.map((r) => r.nonce?.length)).toEqual([12, 12]);
    expect(Buffer.compare(rows[0].nonce as Uint8Array, rows[1].nonce as Uint8Array)).not.toBe(0);
    expect(rows[0].key_id).toMatch(/^k/);
  });

  it('tells opted-out and unconfigured workspaces apart', async () => {
    const v = await workspaceVault();
    expect(await v.loadCredentials('ws-1', 'x')).toEqual({ state: 'unconfigured' });
    await v.setCredentialsEnabled('ws-1', 'x', false);
    expect(await v.loadCredentials('ws-1', 'x')).toEqual({ state: 'opted-out' });
    await v.saveCredentials('ws-1', 'y', { token: 't' });
    await v.setCredentialsEnabled('ws-1', 'y', false);
    expect(await v.loadCredentials('ws-1', 'y')).toEqual({ state: 'opted-out' });
    await v.setCredentialsEnabled('ws-1', 'y', true);
    expect(await v.loadCredentials('ws-1', 'y')).toEqual({ state: 'ready', config: { token: 't' } });
  });

  it('refuses a row copied to another workspace or connector (AAD)', async () => {
    const v = await workspaceVault();
    await v.saveCredentials('ws-1', 'hubspot', { token: CANARY });
    const row = await db.kysely.selectFrom('workspace_credentials').selectAll().executeTakeFirstOrThrow();
    await db.kysely.insertInto('workspace_credentials').values({ ...row, workspace_id: 'ws-2' }).execute();
    await db.kysely.insertInto('workspace_credentials').values({ ...row, connector_id: 'stripe' }).execute();
    await expect(v.loadCredentials('ws-2', 'hubspot')).rejects.toMatchObject({ code: 'VAULT_DECRYPT_FAILED' });
    await expect(v.loadCredentials('ws-1', 'stripe')).rejects.toMatchObject({ code: 'VAULT_DECRYPT_FAILED' });
    const error = await v.loadCredentials('ws-2', 'hubspot').catch((e: WeftError) => e);
    expect((error as WeftError).message).not.toContain(CANARY);
  });

  it('refuses to start when encrypted rows exist and the key is missing or wrong', async () => {
    const v = await workspaceVault();
    await v.saveCredentials('ws-1', 'hubspot', { token: CANARY });
    expect(await code(openVault({ storage: storage(), env: {} }))).toBe('VAULT_KEY_MISSING');
    expect(await code(openVault({ storage: storage(), env: {}, dataDir: join(dir, 'data') }))).toBe('VAULT_KEY_MISSING');
    expect(await code(openVault({ storage: storage(), masterKey: OTHER_KEY }))).toBe('VAULT_KEY_MISMATCH');
    expect(await code(openVault({ storage: storage(), env: { WEFT_MASTER_KEY: OTHER_KEY } }))).toBe('VAULT_KEY_MISMATCH');
    expect(await code(openVault({ storage: storage(), env: { WEFT_MASTER_KEY: TEST_MASTER_KEY } }))).toBe('no error');
  });

  it('validates WEFT_MASTER_KEY (hex or base64 of exactly 32 bytes)', async () => {
    expect(await code(openVault({ storage: storage(), env: { WEFT_MASTER_KEY: 'short' } }))).toBe('VAULT_KEY_INVALID');
    expect(await code(openVault({ storage: storage(), env: { WEFT_MASTER_KEY: Buffer.alloc(31).toString('base64') } }))).toBe('VAULT_KEY_INVALID');
    expect(await code(openVault({ storage: storage(), env: { WEFT_MASTER_KEY: Buffer.alloc(32, 1).toString('base64url') } }))).toBe('no error');
  });

  it('creates a key file with mode 0600 on first start, and uses it afterwards', async () => {
    const dataDir = join(dir, 'data');
    const first = await openVault({ storage: storage(), env: {}, dataDir });
    expect(first.masterKeySource).toBe('created-key-file');
    expect(statSync(join(dataDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    const credentials = new WorkspaceVault(first, new WorkspaceCredentialRepository(db.kysely), new WorkspaceSecretRepository(db.kysely));
    await credentials.saveCredentials('ws-1', 'x', { token: 't' });
    const second = await openVault({ storage: storage(), env: {}, dataDir });
    expect(second.masterKeySource).toBe('key-file');
  });

  it('rotates every record to a new key id in one go, old key gone', async () => {
    const master = await openVault({ storage: storage(), masterKey: TEST_MASTER_KEY });
    const v = new WorkspaceVault(master, new WorkspaceCredentialRepository(db.kysely), new WorkspaceSecretRepository(db.kysely));
    await v.saveCredentials('ws-1', 'a', { token: 'one' });
    await v.saveCredentials('ws-2', 'b', { token: 'two' });
    await v.saveSecret('ws-1', 'S', 'three');
    const oldKey = master.keyRing.activeKeyId;
    const result = await rotateKeys(master);
    expect(result).toMatchObject({ reencrypted: 3, retiredKeyIds: [oldKey] });
    expect(result.keyId).not.toBe(oldKey);
    const keyIds = await db.kysely.selectFrom('workspace_credentials').select('key_id').execute();
    expect(keyIds.every((r) => r.key_id === result.keyId)).toBe(true);
    expect((await db.kysely.selectFrom('vault_keys').select('key_id').execute()).map((r) => r.key_id)).toEqual([result.keyId]);
    expect(await v.loadCredentials('ws-2', 'b')).toEqual({ state: 'ready', config: { token: 'two' } });
    const reopened = new WorkspaceVault(await openVault({ storage: storage(), masterKey: TEST_MASTER_KEY }), new WorkspaceCredentialRepository(db.kysely), new WorkspaceSecretRepository(db.kysely));
    expect(await reopened.secretSource('ws-1').get('S')).toBe('three');
  });

  it('changes the master key by re-wrapping the data keys', async () => {
    const master = await openVault({ storage: storage(), masterKey: TEST_MASTER_KEY });
    const v = new WorkspaceVault(master, new WorkspaceCredentialRepository(db.kysely), new WorkspaceSecretRepository(db.kysely));
    await v.saveSecret('ws-1', 'S', 'kept');
    await master.changeMasterKey(OTHER_KEY);
    expect(await code(openVault({ storage: storage(), masterKey: TEST_MASTER_KEY }))).toBe('VAULT_KEY_MISMATCH');
    const reopened = await openVault({ storage: storage(), masterKey: OTHER_KEY });
    const again = new WorkspaceVault(reopened, new WorkspaceCredentialRepository(db.kysely), new WorkspaceSecretRepository(db.kysely));
    expect(await again.secretSource('ws-1').get('S')).toBe('kept');
  });

  it('refuses invalid secret names', async () => {
    const v = await workspaceVault();
    await expect(v.saveSecret('ws-1', 'has space', 'x')).rejects.toMatchObject({ code: 'SECRET_NAME_INVALID' });
  });
});
