import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';
import type { SealedColumns } from './sealed-columns.js';
import { fromSealedColumns } from './sealed-columns.js';

/** A wrapped data key row, in the shape the connectors vault uses. */
export interface VaultKeyRow {
  readonly keyId: string;
  readonly nonce: Uint8Array;
  readonly wrappedKey: Uint8Array;
  readonly checkValue: string;
  readonly active: boolean;
  readonly createdAt: number;
}

/** Any sealed row of the vault (a credential or a secret). */
export interface SealedVaultRow {
  readonly kind: 'credential' | 'secret';
  readonly workspaceId: string;
  readonly name: string;
  readonly sealed: SealedColumns;
}

/**
 * The database side of the connectors vault: data keys, and every sealed row for key
 * rotation. Implements the connectors layer's `VaultStorage` structurally.
 */
export class VaultStorageRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async listKeys(): Promise<VaultKeyRow[]> {
    const rows = await this.#db.selectFrom('vault_keys').selectAll().orderBy('created_at').execute();
    return rows.map((r) => ({
      keyId: r.key_id,
      nonce: r.nonce,
      wrappedKey: r.wrapped_key,
      checkValue: r.check_value,
      active: r.active === 1,
      createdAt: r.created_at,
    }));
  }

  async insertKey(record: VaultKeyRow): Promise<void> {
    await this.#db
      .insertInto('vault_keys')
      .values({
        key_id: record.keyId,
        nonce: record.nonce,
        wrapped_key: record.wrappedKey,
        check_value: record.checkValue,
        active: record.active ? 1 : 0,
        created_at: record.createdAt,
      })
      .execute();
  }

  async updateKey(record: VaultKeyRow): Promise<void> {
    await this.#db
      .updateTable('vault_keys')
      .set({ nonce: record.nonce, wrapped_key: record.wrappedKey, check_value: record.checkValue, active: record.active ? 1 : 0 })
      .where('key_id', '=', record.keyId)
      .execute();
  }

  async deleteKey(keyId: string): Promise<void> {
    await this.#db.deleteFrom('vault_keys').where('key_id', '=', keyId).execute();
  }

  async keyIdsInUse(): Promise<string[]> {
    const credentials = await this.#db.selectFrom('workspace_credentials').select('key_id').distinct().where('key_id', 'is not', null).execute();
    const secrets = await this.#db.selectFrom('workspace_secrets').select('key_id').distinct().execute();
    return [...new Set([...credentials.map((r) => r.key_id as string), ...secrets.map((r) => r.key_id)])];
  }

  async listSealed(): Promise<SealedVaultRow[]> {
    const credentials = await this.#db.selectFrom('workspace_credentials').selectAll().where('key_id', 'is not', null).execute();
    const secrets = await this.#db.selectFrom('workspace_secrets').selectAll().execute();
    return [
      ...credentials.map((r) => ({ kind: 'credential' as const, workspaceId: r.workspace_id, name: r.connector_id, sealed: fromSealedColumns(r) as SealedColumns })),
      ...secrets.map((r) => ({ kind: 'secret' as const, workspaceId: r.workspace_id, name: r.name, sealed: fromSealedColumns(r) as SealedColumns })),
    ];
  }

  async replaceSealed(row: SealedVaultRow, sealed: SealedColumns): Promise<void> {
    const values = { key_id: sealed.keyId, nonce: sealed.nonce, ciphertext: sealed.ciphertext };
    if (row.kind === 'credential') {
      await this.#db
        .updateTable('workspace_credentials')
        .set(values)
        .where('workspace_id', '=', row.workspaceId)
        .where('connector_id', '=', row.name)
        .execute();
    } else {
      await this.#db
        .updateTable('workspace_secrets')
        .set(values)
        .where('workspace_id', '=', row.workspaceId)
        .where('name', '=', row.name)
        .execute();
    }
  }

  /** Run `work` in one transaction, with a repository bound to it. */
  async transaction<T>(work: (storage: VaultStorageRepository) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return work(this);
    return this.#db.transaction().execute((tx) => work(new VaultStorageRepository(tx)));
  }
}
