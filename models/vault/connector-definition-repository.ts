import type { Kysely } from 'kysely';
import type { Clock } from '../../core/index.js';
import { systemClock } from '../../core/index.js';
import type { Database } from '../schema/index.js';
import { canonicalJson } from './canonical-json.js';

/** The newest version of one definition, as the connector runtime reads it. */
export interface DefinitionRow {
  readonly definition: unknown;
  readonly version: number;
  readonly enabled: boolean;
  readonly createdAt: number;
}

/** What a save did: a new version, or nothing because the JSON was unchanged. */
export interface SavedDefinition {
  readonly connectorId: string;
  readonly version: number;
  readonly created: boolean;
}

/** One line of the catalogue. */
export interface DefinitionSummary {
  readonly connectorId: string;
  readonly version: number;
  readonly enabled: boolean;
}

/**
 * Connector definitions, versioned. Validation happens before `save` (the connectors
 * layer's `validateDefinition`); this repository only stores and reads.
 */
export class ConnectorDefinitionRepository {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;

  constructor(db: Kysely<Database>, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  async latest(connectorId: string): Promise<DefinitionRow | undefined> {
    const row = await this.#db
      .selectFrom('connector_definitions')
      .selectAll()
      .where('connector_id', '=', connectorId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return undefined;
    return { definition: JSON.parse(row.definition), version: row.version, enabled: row.enabled === 1, createdAt: row.created_at };
  }

  /** Create the connector, or add a version when the definition changed. */
  async save(definition: { readonly connector_id: string; readonly enabled?: boolean; readonly [key: string]: unknown }): Promise<SavedDefinition> {
    const connectorId = definition.connector_id;
    const text = canonicalJson(definition);
    return this.#db.transaction().execute(async (tx) => {
      const current = await tx
        .selectFrom('connector_definitions')
        .select(['version', 'definition'])
        .where('connector_id', '=', connectorId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (current && current.definition === text) return { connectorId, version: current.version, created: false };
      const version = (current?.version ?? 0) + 1;
      await tx
        .insertInto('connector_definitions')
        .values({ connector_id: connectorId, version, definition: text, enabled: definition.enabled === false ? 0 : 1, created_at: this.#clock.now() })
        .execute();
      return { connectorId, version, created: true };
    });
  }

  /** The platform kill-switch: flips the newest version without adding one. */
  async setEnabled(connectorId: string, enabled: boolean): Promise<boolean> {
    const latest = await this.latest(connectorId);
    if (!latest) return false;
    await this.#db
      .updateTable('connector_definitions')
      .set({ enabled: enabled ? 1 : 0 })
      .where('connector_id', '=', connectorId)
      .where('version', '=', latest.version)
      .execute();
    return true;
  }

  /** Delete every version of a connector; false when it had none. */
  async delete(connectorId: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('connector_definitions').where('connector_id', '=', connectorId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Every connector's newest version. */
  async list(): Promise<DefinitionSummary[]> {
    const rows = await this.#db
      .selectFrom('connector_definitions as d')
      .select(['d.connector_id', 'd.version', 'd.enabled'])
      .where(({ eb, selectFrom }) =>
        eb('d.version', '=', selectFrom('connector_definitions as n').select((e) => e.fn.max('n.version').as('v')).whereRef('n.connector_id', '=', 'd.connector_id')),
      )
      .orderBy('d.connector_id')
      .execute();
    return rows.map((r) => ({ connectorId: r.connector_id, version: r.version, enabled: r.enabled === 1 }));
  }
}
