import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * An element instance's local variables (input mappings, local results) move into its own
 * row, as one JSON object: they live and die with the element, so writing them costs no
 * statement of their own. The `variables` table keeps the process instance's root scope.
 * Existing local variables are moved over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('element_instances').addColumn('variables', 'text').execute();
  await sql`
    UPDATE element_instances SET variables = (
      SELECT json_group_object(v.name, json(v.value)) FROM variables v WHERE v.scope_key = element_instances.key
    )
    WHERE EXISTS (SELECT 1 FROM variables v WHERE v.scope_key = element_instances.key)`.execute(db);
  await sql`DELETE FROM variables WHERE scope_key <> instance_key`.execute(db);
}
