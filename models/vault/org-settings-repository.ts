import type { Kysely } from 'kysely';
import type { Clock } from '../../core/index.js';
import { systemClock } from '../../core/index.js';
import type { Database } from '../schema/index.js';

/**
 * Org-tier settings: the domain allowlist every connector call of the org must also pass.
 * Read on every connector call, so answers are kept in memory; this process is the
 * database's only writer, and every change goes through `setDomainAllowlist` (which tells
 * the connector thread's copy of this repository to `forget`).
 */
export class OrgSettingsRepository {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #cache = new Map<string, readonly string[] | undefined>();
  #onChange: ((orgId: string) => Promise<void>) | undefined;

  constructor(db: Kysely<Database>, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** The allowlist, or undefined when the org has none (an empty list allows nothing). */
  async domainAllowlist(orgId: string): Promise<readonly string[] | undefined> {
    if (this.#cache.has(orgId)) return this.#cache.get(orgId);
    const row = await this.#db.selectFrom('org_settings').select('domain_allowlist').where('org_id', '=', orgId).executeTakeFirst();
    const list = !row || row.domain_allowlist === null ? undefined : Object.freeze(JSON.parse(row.domain_allowlist) as string[]);
    this.#cache.set(orgId, list);
    return list;
  }

  /** Set or (with null) remove the org's allowlist. */
  async setDomainAllowlist(orgId: string, entries: readonly string[] | null): Promise<void> {
    const values = { domain_allowlist: entries === null ? null : JSON.stringify(entries), updated_at: this.#clock.now() };
    await this.#db
      .insertInto('org_settings')
      .values({ org_id: orgId, ...values })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
      .execute();
    this.#cache.set(orgId, entries === null ? undefined : Object.freeze([...entries]));
    // Other holders of this org's answer (a connector thread) drop it before this returns.
    await this.#onChange?.(orgId);
  }

  /** Be told (and awaited) after every change: whoever caches answers elsewhere forgets them. */
  onChange(listener: (orgId: string) => Promise<void>): void {
    this.#onChange = listener;
  }

  /** Drop the cached answer of an org: another connection changed it. */
  forget(orgId: string): void {
    this.#cache.delete(orgId);
  }
}
