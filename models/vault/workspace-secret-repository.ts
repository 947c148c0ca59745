import type { Kysely } from 'kysely';
import type { Clock } from '../../core/index.js';
import { systemClock } from '../../core/index.js';
import type { Database } from '../schema/index.js';
import type { SealedColumns } from './sealed-columns.js';

/** Encrypted workspace secrets. Names can be listed; values only come back sealed. */
export class WorkspaceSecretRepository {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;

  constructor(db: Kysely<Database>, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  async get(workspaceId: string, name: string): Promise<SealedColumns | undefined> {
    const row = await this.#db
      .selectFrom('workspace_secrets')
      .select(['key_id', 'nonce', 'ciphertext'])
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? { keyId: row.key_id, nonce: row.nonce, ciphertext: row.ciphertext } : undefined;
  }

  async put(workspaceId: string, name: string, sealed: SealedColumns): Promise<void> {
    const values = { key_id: sealed.keyId, nonce: sealed.nonce, ciphertext: sealed.ciphertext, updated_at: this.#clock.now() };
    await this.#db
      .insertInto('workspace_secrets')
      .values({ workspace_id: workspaceId, name, ...values })
      .onConflict((oc) => oc.columns(['workspace_id', 'name']).doUpdateSet(values))
      .execute();
  }

  async delete(workspaceId: string, name: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('workspace_secrets')
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Secret names of a workspace (never values). */
  async listNames(workspaceId: string): Promise<string[]> {
    const rows = await this.#db.selectFrom('workspace_secrets').select('name').where('workspace_id', '=', workspaceId).orderBy('name').execute();
    return rows.map((r) => r.name);
  }
}
