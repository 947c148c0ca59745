import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, JsonObject } from '../../../core/index.js';
import type { ConnectorJob, ConnectorRuntimeHandle, EgressOptions, LookupFunction } from '../../../connectors/index.js';
import { createConnectorRuntime, openVault } from '../../../connectors/index.js';
import type { Vault } from '../../../connectors/index.js';
import type { SqliteHandle } from '../../../models/index.js';
import {
  ConnectorDefinitionRepository,
  OrgSettingsRepository,
  VaultStorageRepository,
  WorkspaceCredentialRepository,
  WorkspaceSecretRepository,
  openSqlite,
} from '../../../models/index.js';

/** A master key for tests (hex, 32 bytes). */
export const TEST_MASTER_KEY = '8f3c2a1b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8';

/** A runtime on a real SQLite file in a temp dir, reaching the test server through an explicit exemption. */
export interface TestRuntime {
  readonly dir: string;
  readonly dbPath: string;
  readonly db: SqliteHandle;
  readonly definitions: ConnectorDefinitionRepository;
  readonly credentials: WorkspaceCredentialRepository;
  readonly secrets: WorkspaceSecretRepository;
  readonly orgSettings: OrgSettingsRepository;
  readonly vault: Vault;
  readonly runtime: ConnectorRuntimeHandle;
  /** Every byte of the database file and its WAL, for canary searches. */
  databaseBytes(): Buffer;
  close(): Promise<void>;
}

/** DNS for tests: the table's answers, ENOTFOUND otherwise. */
export function stubLookup(table: Record<string, readonly string[]>): LookupFunction {
  return async (hostname) => {
    const answers = table[hostname];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

export async function createTestRuntime(options: {
  readonly ca: string;
  readonly allow: readonly string[];
  readonly lookup: LookupFunction;
  readonly env?: Record<string, string>;
  readonly egress?: Partial<EgressOptions>;
  readonly clock?: Clock;
}): Promise<TestRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-connectors-'));
  const dbPath = join(dir, 'weft.db');
  const db = await openSqlite({ path: dbPath });
  const definitions = new ConnectorDefinitionRepository(db.kysely);
  const credentials = new WorkspaceCredentialRepository(db.kysely);
  const secrets = new WorkspaceSecretRepository(db.kysely);
  const orgSettings = new OrgSettingsRepository(db.kysely);
  const vault = await openVault({ storage: new VaultStorageRepository(db.kysely), masterKey: TEST_MASTER_KEY });
  const runtime = createConnectorRuntime({
    definitions,
    credentials,
    secrets,
    orgSettings,
    vault,
    egress: { allow: options.allow, lookup: options.lookup, ca: options.ca, ...options.egress },
    env: options.env ?? {},
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    dir,
    dbPath,
    db,
    definitions,
    credentials,
    secrets,
    orgSettings,
    vault,
    runtime,
    databaseBytes: () => {
      const parts = [dbPath, `${dbPath}-wal`].map((p) => {
        try {
          return readFileSync(p);
        } catch {
          return Buffer.alloc(0);
        }
      });
      return Buffer.concat(parts);
    },
    close: async () => {
      await runtime.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let jobCounter = 0;

/** A job as the engine would hand it over. */
export function job(type: string, variables: JsonObject, headers: Record<string, string> = {}, extra: Partial<ConnectorJob> = {}): ConnectorJob {
  jobCounter++;
  return {
    jobKey: String(jobCounter),
    type,
    headers,
    variables,
    retries: 3,
    orgId: 'org-1',
    workspaceId: 'ws-1',
    processInstanceKey: '100',
    elementId: 'Task_1',
    ...extra,
  };
}

/** Count occurrences of a text in bytes (utf8), for canary checks. */
export function countOccurrences(haystack: Buffer, needle: string): number {
  let count = 0;
  const n = Buffer.from(needle, 'utf8');
  for (let at = haystack.indexOf(n); at >= 0; at = haystack.indexOf(n, at + 1)) count++;
  return count;
}
