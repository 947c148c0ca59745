import type { Kysely } from 'kysely';
import type { Clock } from '../../core/index.js';
import { systemClock } from '../../core/index.js';
import type { Database } from '../schema/index.js';

/** Org-tier settings: the domain allowlist every connector call of the org must also pass. */
export class OrgSettingsRepository {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;

  constructor(db: Kysely<Database>, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** The allowlist, or undefined when the org has none (an empty list allows nothing). */
  async domainAllowlist(orgId: string): Promise<readonly string[] | undefined> {
    const row = await this.#db.selectFrom('org_settings').select('domain_allowlist').where('org_id', '=', orgId).executeTakeFirst();
    if (!row || row.domain_allowlist === null) return undefined;
    return JSON.parse(row.domain_allowlist) as string[];
  }

  /** Set or (with null) remove the org's allowlist. */
  async setDomainAllowlist(orgId: string, entries: readonly string[] | null): Promise<void> {
    const values = { domain_allowlist: entries === null ? null : JSON.stringify(entries), updated_at: this.#clock.now() };
    await this.#db
      .insertInto('org_settings')
      .values({ org_id: orgId, ...values })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
      .execute();
  }
}
