import type BetterSqlite3 from 'better-sqlite3';
import * as rows from './row-mappers.js';

/**
 * Every statement on the engine's hot path, prepared once. (Looking statements up by
 * their SQL text on each call costs more than running some of them.)
 */
export function prepareStatements(db: BetterSqlite3.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    instance: p('SELECT * FROM instances WHERE key = ?'),
    elementsOf: p('SELECT * FROM element_instances WHERE instance_key = ? ORDER BY key'),
    variablesOf: p('SELECT * FROM variables WHERE instance_key = ?'),
    jobsOf: p('SELECT * FROM jobs WHERE instance_key = ? ORDER BY key'),
    timersOf: p('SELECT * FROM timers WHERE instance_key = ? ORDER BY key'),
    incidentsOf: p(`SELECT * FROM incidents WHERE instance_key = ? AND state = 'active' ORDER BY key`),
    subscriptionsOf: p('SELECT * FROM message_subscriptions WHERE instance_key = ? ORDER BY key'),
    putDeployment: p('INSERT INTO deployments (key, org_id, created_at) VALUES (?, ?, ?)'),
    putDefinition: p(rows.upsertSql('definitions', rows.definitionColumns)),
    putInstance: p(rows.upsertSql('instances', rows.instanceColumns)),
    putElement: p(rows.upsertSql('element_instances', rows.elementColumns)),
    delElement: p('DELETE FROM element_instances WHERE key = ?'),
    putVariable: p(rows.upsertSql('variables', rows.variableColumns)),
    delVariable: p('DELETE FROM variables WHERE scope_key = ? AND name = ?'),
    putJob: p(rows.upsertSql('jobs', rows.jobColumns)),
    delJob: p('DELETE FROM jobs WHERE key = ?'),
    putTimer: p(rows.upsertSql('timers', rows.timerColumns)),
    delTimer: p('DELETE FROM timers WHERE key = ?'),
    putIncident: p(rows.upsertSql('incidents', rows.incidentColumns)),
    putSubscription: p(rows.upsertSql('message_subscriptions', rows.subscriptionColumns)),
    delSubscription: p('DELETE FROM message_subscriptions WHERE key = ?'),
    putHistory: p('INSERT INTO history (instance_key, seq, at, events) VALUES (?, ?, ?, ?)'),
    putMaxKey: p(
      `INSERT INTO engine_meta (name, value) VALUES ('max_key', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value ` +
        'WHERE CAST(value AS INTEGER) < CAST(excluded.value AS INTEGER)',
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
