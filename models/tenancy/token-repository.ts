import type { Kysely } from 'kysely';
import type { Clock } from '../../core/index.js';
import { systemClock } from '../../core/index.js';
import type { Database } from '../schema/index.js';
import type { TokensTable } from '../schema/tenancy-tables.js';
import type { NewToken, TokenRecord } from './tenancy-records.js';

/**
 * API tokens. Stores only the SHA-256 of a token's text; hashing and generating the text
 * is the caller's business (server/auth). Never returns hashes.
 */
export class TokenRepository {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;

  constructor(db: Kysely<Database>, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  async create(token: NewToken): Promise<TokenRecord> {
    const row: TokensTable = {
      id: token.id,
      hash: token.hash,
      role: token.role,
      org_id: token.orgId,
      workspace_id: token.workspaceId,
      label: token.label,
      created_at: this.#clock.now(),
      revoked: 0,
    };
    await this.#db.insertInto('tokens').values(row).execute();
    return toRecord(row);
  }

  /**
   * Create the token with this id, or give it a new hash (and un-revoke it): how a
   * token fixed by configuration (`WEFT_ADMIN_TOKEN`) follows the configured value.
   */
  async upsert(token: NewToken): Promise<void> {
    const existing = await this.#db.selectFrom('tokens').select('id').where('id', '=', token.id).executeTakeFirst();
    if (!existing) {
      await this.create(token);
      return;
    }
    await this.#db.updateTable('tokens').set({ hash: token.hash, role: token.role, org_id: token.orgId, workspace_id: token.workspaceId, revoked: 0 }).where('id', '=', token.id).execute();
  }

  /** The unrevoked token with this hash. */
  async findActiveByHash(hash: string): Promise<TokenRecord | undefined> {
    const row = await this.#db.selectFrom('tokens').selectAll().where('hash', '=', hash).where('revoked', '=', 0).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async get(id: string): Promise<TokenRecord | undefined> {
    const row = await this.#db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Tokens of one org (org-admin and workspace tokens), oldest first. */
  async listByOrg(orgId: string): Promise<TokenRecord[]> {
    const rows = await this.#db.selectFrom('tokens').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** Revoke a token; false when there is no such token. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.#db.updateTable('tokens').set({ revoked: 1 }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toRecord(row: TokensTable): TokenRecord {
  return {
    id: row.id,
    role: row.role,
    orgId: row.org_id,
    workspaceId: row.workspace_id,
    label: row.label,
    createdAt: row.created_at,
    revoked: row.revoked === 1,
  };
}
