import type { Kysely } from 'kysely';
import type { Clock } from '../../core/index.js';
import { WeftError, systemClock } from '../../core/index.js';
import type { Database } from '../schema/index.js';
import type { OrgRecord } from './tenancy-records.js';
import { SLUG_PATTERN } from './tenancy-records.js';

/** Orgs. Ids are slugs, never reused. */
export class OrgRepository {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;

  constructor(db: Kysely<Database>, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  /**
   * Create an org.
   * @throws WeftError SLUG_INVALID for a malformed id, ORG_EXISTS when taken.
   */
  async create(id: string, displayName = id): Promise<OrgRecord> {
    if (!SLUG_PATTERN.test(id)) throw new WeftError('SLUG_INVALID', `org id '${id}' must be a slug: a-z, 0-9 and '-', at most 63 characters`);
    const record = { id, display_name: displayName, created_at: this.#clock.now() };
    const inserted = await this.#db.insertInto('orgs').values(record).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new WeftError('ORG_EXISTS', `org '${id}' already exists`);
    return { id, displayName, createdAt: record.created_at };
  }

  async get(id: string): Promise<OrgRecord | undefined> {
    const row = await this.#db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, displayName: row.display_name, createdAt: row.created_at } : undefined;
  }

  async list(): Promise<OrgRecord[]> {
    const rows = await this.#db.selectFrom('orgs').selectAll().orderBy('id').execute();
    return rows.map((row) => ({ id: row.id, displayName: row.display_name, createdAt: row.created_at }));
  }

  /** Whether any org exists: false only on a fresh data directory. */
  async any(): Promise<boolean> {
    return (await this.#db.selectFrom('orgs').select('id').limit(1).executeTakeFirst()) !== undefined;
  }
}
