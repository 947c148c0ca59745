import type { Kysely } from 'kysely';
import type { Clock } from '../../core/index.js';
import { WeftError, systemClock } from '../../core/index.js';
import type { Database } from '../schema/index.js';
import type { WorkspaceRecord } from './tenancy-records.js';
import { SLUG_PATTERN } from './tenancy-records.js';

/** Workspaces: each in exactly one org; ids unique across all orgs. */
export class WorkspaceRepository {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;

  constructor(db: Kysely<Database>, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  /**
   * Create a workspace in an existing org.
   * @throws WeftError SLUG_INVALID, WORKSPACE_EXISTS (in any org).
   */
  async create(id: string, orgId: string, displayName = id): Promise<WorkspaceRecord> {
    if (!SLUG_PATTERN.test(id)) throw new WeftError('SLUG_INVALID', `workspace id '${id}' must be a slug: a-z, 0-9 and '-', at most 63 characters`);
    const record = { id, org_id: orgId, display_name: displayName, created_at: this.#clock.now() };
    const inserted = await this.#db.insertInto('workspaces').values(record).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new WeftError('WORKSPACE_EXISTS', `workspace '${id}' already exists`);
    return toRecord(record);
  }

  async get(id: string): Promise<WorkspaceRecord | undefined> {
    const row = await this.#db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async listByOrg(orgId: string): Promise<WorkspaceRecord[]> {
    const rows = await this.#db.selectFrom('workspaces').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
    return rows.map(toRecord);
  }
}

function toRecord(row: { id: string; org_id: string; display_name: string; created_at: number }): WorkspaceRecord {
  return { id: row.id, orgId: row.org_id, displayName: row.display_name, createdAt: row.created_at };
}
