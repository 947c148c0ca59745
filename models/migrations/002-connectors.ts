import type { Kysely } from 'kysely';

/** Connector definitions, the credential and secret vault, org settings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connector_definitions')
    .addColumn('connector_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('connector_definitions_pk', ['connector_id', 'version'])
    .execute();
  await db.schema
    .createTable('workspace_credentials')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('connector_id', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('key_id', 'text')
    .addColumn('nonce', 'blob')
    .addColumn('ciphertext', 'blob')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('workspace_credentials_pk', ['workspace_id', 'connector_id'])
    .execute();
  await db.schema
    .createTable('workspace_secrets')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'blob', (c) => c.notNull())
    .addColumn('ciphertext', 'blob', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('workspace_secrets_pk', ['workspace_id', 'name'])
    .execute();
  await db.schema
    .createTable('org_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .addColumn('domain_allowlist', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('vault_keys')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'blob', (c) => c.notNull())
    .addColumn('wrapped_key', 'blob', (c) => c.notNull())
    .addColumn('check_value', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}
