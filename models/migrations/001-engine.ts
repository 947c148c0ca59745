import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** The engine runtime schema: definitions, instances and everything a token waits on, plus history. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('engine_meta')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('deployments')
    .addColumn('key', 'integer', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('definitions')
    .addColumn('key', 'integer', (c) => c.primaryKey())
    .addColumn('deployment_key', 'integer', (c) => c.notNull().references('deployments.key'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('bpmn_process_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('resource_name', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('xml', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('definitions_version', ['org_id', 'bpmn_process_id', 'version'])
    .execute();
  await db.schema
    .createTable('instances')
    .addColumn('key', 'integer', (c) => c.primaryKey())
    .addColumn('definition_key', 'integer', (c) => c.notNull())
    .addColumn('bpmn_process_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('ended_at', 'integer')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('instances_by_workspace').on('instances').columns(['workspace_id', 'key']).execute();
  await db.schema.createIndex('instances_by_state').on('instances').columns(['workspace_id', 'state', 'key']).execute();
  await db.schema
    .createTable('element_instances')
    .addColumn('key', 'integer', (c) => c.primaryKey())
    .addColumn('instance_key', 'integer', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('element_type', 'text', (c) => c.notNull())
    .addColumn('flow_scope_key', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('element_instances_by_instance').on('element_instances').column('instance_key').execute();
  await db.schema
    .createTable('variables')
    .addColumn('scope_key', 'integer', (c) => c.notNull())
    .addColumn('instance_key', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('variables_pk', ['scope_key', 'name'])
    .execute();
  await db.schema.createIndex('variables_by_instance').on('variables').column('instance_key').execute();
  await db.schema
    .createTable('jobs')
    .addColumn('key', 'integer', (c) => c.primaryKey())
    .addColumn('instance_key', 'integer', (c) => c.notNull())
    .addColumn('element_instance_key', 'integer', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('bpmn_process_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('retries', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'integer')
    .addColumn('worker', 'text')
    .addColumn('error_message', 'text')
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_activatable').on('jobs').columns(['type', 'state', 'key']).execute();
  await db.schema.createIndex('jobs_by_deadline').on('jobs').columns(['state', 'deadline']).execute();
  await db.schema.createIndex('jobs_by_instance').on('jobs').column('instance_key').execute();
  await db.schema.createIndex('jobs_by_workspace').on('jobs').columns(['workspace_id', 'key']).execute();
  await db.schema
    .createTable('timers')
    .addColumn('key', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('instance_key', 'integer')
    .addColumn('element_instance_key', 'integer')
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('definition_key', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'integer', (c) => c.notNull())
    .addColumn('cycle', 'text')
    .execute();
  await db.schema.createIndex('timers_by_due').on('timers').columns(['due_at', 'key']).execute();
  await db.schema.createIndex('timers_by_instance').on('timers').column('instance_key').execute();
  await db.schema
    .createTable('incidents')
    .addColumn('key', 'integer', (c) => c.primaryKey())
    .addColumn('instance_key', 'integer', (c) => c.notNull())
    .addColumn('element_instance_key', 'integer', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('bpmn_process_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('job_key', 'integer')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('resolved_at', 'integer')
    .execute();
  await db.schema.createIndex('incidents_by_instance').on('incidents').columns(['instance_key', 'state']).execute();
  await db.schema.createIndex('incidents_by_workspace').on('incidents').columns(['workspace_id', 'state', 'key']).execute();
  await db.schema
    .createTable('message_subscriptions')
    .addColumn('key', 'integer', (c) => c.primaryKey())
    .addColumn('instance_key', 'integer', (c) => c.notNull())
    .addColumn('element_instance_key', 'integer', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('message_name', 'text', (c) => c.notNull())
    .addColumn('correlation_key', 'text', (c) => c.notNull())
    .addColumn('interrupting', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_subscriptions_by_name')
    .on('message_subscriptions')
    .columns(['workspace_id', 'message_name', 'correlation_key'])
    .execute();
  await db.schema.createIndex('message_subscriptions_by_instance').on('message_subscriptions').column('instance_key').execute();
  // History is append-only and written once per command: one row holds the command's
  // events, which costs a fraction of a row per event.
  await db.schema
    .createTable('history')
    .addColumn('instance_key', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('history_pk', ['instance_key', 'seq'])
    .modifyEnd(sql`without rowid`)
    .execute();
}
