import type { Kysely } from 'kysely';
import type { Clock } from '../../core/index.js';
import { systemClock } from '../../core/index.js';
import type { Database } from '../schema/index.js';
import type { SealedColumns } from './sealed-columns.js';
import { fromSealedColumns } from './sealed-columns.js';

/** A workspace's record for one connector: opted in or out, and the sealed config if any. */
export interface CredentialRow {
  readonly enabled: boolean;
  readonly sealed?: SealedColumns;
}

/** What listing shows: never the ciphertext. */
export interface CredentialSummary {
  readonly connectorId: string;
  readonly enabled: boolean;
  readonly configured: boolean;
  readonly updatedAt: number;
}

/** Encrypted workspace credentials (seed 004 tier 3). Stores and returns ciphertext only. */
export class WorkspaceCredentialRepository {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;

  constructor(db: Kysely<Database>, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  async get(workspaceId: string, connectorId: string): Promise<CredentialRow | undefined> {
    const row = await this.#db
      .selectFrom('workspace_credentials')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('connector_id', '=', connectorId)
      .executeTakeFirst();
    if (!row) return undefined;
    const sealed = fromSealedColumns(row);
    return sealed ? { enabled: row.enabled === 1, sealed } : { enabled: row.enabled === 1 };
  }

  async put(workspaceId: string, connectorId: string, record: CredentialRow): Promise<void> {
    const values = {
      enabled: record.enabled ? 1 : 0,
      key_id: record.sealed?.keyId ?? null,
      nonce: record.sealed?.nonce ?? null,
      ciphertext: record.sealed?.ciphertext ?? null,
      updated_at: this.#clock.now(),
    };
    await this.#db
      .insertInto('workspace_credentials')
      .values({ workspace_id: workspaceId, connector_id: connectorId, ...values })
      .onConflict((oc) => oc.columns(['workspace_id', 'connector_id']).doUpdateSet(values))
      .execute();
  }

  async delete(workspaceId: string, connectorId: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('workspace_credentials')
      .where('workspace_id', '=', workspaceId)
      .where('connector_id', '=', connectorId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Remove every workspace's credentials for a connector (the connector was deleted). */
  async deleteForConnector(connectorId: string): Promise<number> {
    const result = await this.#db.deleteFrom('workspace_credentials').where('connector_id', '=', connectorId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async list(workspaceId: string): Promise<CredentialSummary[]> {
    const rows = await this.#db
      .selectFrom('workspace_credentials')
      .select(['connector_id', 'enabled', 'key_id', 'updated_at'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('connector_id')
      .execute();
    return rows.map((r) => ({ connectorId: r.connector_id, enabled: r.enabled === 1, configured: r.key_id !== null, updatedAt: r.updated_at }));
  }
}
