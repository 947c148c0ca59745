import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEngineStore, openSqlite } from '../../../models/index.js';
import { migrations } from '../../../models/migrations/index.js';
import { bpmn, chain, serviceTask } from '../../support/bpmn.js';
import { createHarness } from '../../support/engine-harness.js';
import type { Harness } from '../../support/engine-harness.js';

// An element instance's local variables are stored in its own row (migration 005): the
// variables table holds root scopes only, and nothing of a finished element stays behind.

const MINUTE = 60_000;
let dir: string;
const open: Harness[] = [];

afterEach(async () => {
  for (const h of open.splice(0)) await h.close().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function harness(): Promise<Harness> {
  const h = await createHarness({ dir });
  open.push(h);
  return h;
}

const withInputs = bpmn('withInputs', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'ext', { inputs: [['=orderId + 1', 'next'], ['="GET"', 'request.method']] })}
    <bpmn:endEvent id="end" />
${chain('start', 'task', 'end')}`);

function rows(path: string, sql: string): unknown[] {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('element-local variables', () => {
  it('live in the element row while it waits, are seen by the API, and survive a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-locals-'));
    const first = await harness();
    await first.deploy(withInputs);
    const key = Number(await first.start('withInputs', { orderId: 41 }));

    const table = rows(first.dbPath, 'SELECT scope_key, name, value FROM variables ORDER BY name');
    expect(table).toEqual([{ scope_key: key, name: 'orderId', value: '41' }]);
    const [element] = rows(first.dbPath, `SELECT element_id, variables FROM element_instances WHERE instance_key = ${key}`) as { element_id: string; variables: string }[];
    expect(element!.element_id).toBe('task');
    expect(JSON.parse(element!.variables)).toEqual({ next: 42, request: { method: 'GET' } });

    const listed = await first.store.instanceVariables(key);
    expect(listed.map((v) => [v.scopeKey === key ? 'root' : 'task', v.name, JSON.parse(v.value)])).toEqual([
      ['root', 'orderId', 41],
      ['task', 'next', 42],
      ['task', 'request', { method: 'GET' }],
    ]);
    await first.close();

    // A new engine has no cached state: the job's variables come from the element row.
    const second = await harness();
    const [job] = await second.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: MINUTE, worker: 'w' });
    expect(job!.variables).toEqual({ orderId: 41, next: 42, request: { method: 'GET' } });
    await second.engine.completeJob(job!.key, { done: true });
    expect(rows(second.dbPath, 'SELECT name FROM variables ORDER BY name')).toEqual([{ name: 'done' }, { name: 'orderId' }]);
    expect(rows(second.dbPath, 'SELECT COUNT(*) AS n FROM element_instances')).toEqual([{ n: 0 }]);
  });

  it('a local variable set later rewrites the row; setting a root variable does not touch it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-locals-'));
    const h = await harness();
    await h.deploy(withInputs);
    const key = Number(await h.start('withInputs', { orderId: 1 }));
    const [{ key: taskKey }] = rows(h.dbPath, `SELECT key FROM element_instances WHERE instance_key = ${key}`) as { key: number }[];

    await h.engine.setVariables(key, { note: 'x' }, { scopeKey: taskKey, local: true });
    await h.engine.setVariables(key, { orderId: 2 });
    const [element] = rows(h.dbPath, `SELECT variables FROM element_instances WHERE key = ${taskKey}`) as { variables: string }[];
    expect(JSON.parse(element!.variables)).toEqual({ next: 2, request: { method: 'GET' }, note: 'x' });
    expect(rows(h.dbPath, 'SELECT name, value FROM variables')).toEqual([{ name: 'orderId', value: '2' }]);
  });
});

describe('migration 005-element-variables', () => {
  it('moves local variables of a database written before it into their element rows', async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-locals-'));
    const path = join(dir, 'weft.db');
    // The schema as it was up to migration 004, with a waiting task holding two locals.
    const sqlite = new BetterSqlite3(path);
    sqlite.pragma('journal_mode = WAL');
    const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '005'));
    const { error } = await new Migrator({ db: kysely, provider: { getMigrations: async () => before } }).migrateToLatest();
    expect(error).toBeUndefined();
    sqlite.exec(`
      INSERT INTO element_instances (key, instance_key, element_id, element_type, flow_scope_key, state, activated_at, data)
        VALUES (5, 3, 'task', 'serviceTask', 3, 'activated', 1, '{}'), (6, 3, 'other', 'userTask', 3, 'activated', 1, '{}');
      INSERT INTO variables (scope_key, instance_key, name, value) VALUES
        (3, 3, 'root', '"r"'), (5, 3, 'url', '"https://example.com/x"'), (5, 3, 'timeout', '{"s":20}');`);
    await kysely.destroy();

    const store = new SqliteEngineStore(await openSqlite({ path }), { commits: 'inline' });
    try {
      expect(rows(path, 'SELECT scope_key, name FROM variables')).toEqual([{ scope_key: 3, name: 'root' }]);
      const elements = rows(path, 'SELECT key, variables FROM element_instances ORDER BY key') as { key: number; variables: string | null }[];
      expect(JSON.parse(elements[0]!.variables!)).toEqual({ url: 'https://example.com/x', timeout: { s: 20 } });
      expect(elements[1]!.variables).toBeNull();
      const variables = await store.instanceVariables(3);
      expect(variables.map((v) => [v.scopeKey, v.name, v.value])).toEqual([
        [3, 'root', '"r"'],
        [5, 'timeout', '{"s":20}'],
        [5, 'url', '"https://example.com/x"'],
      ]);
    } finally {
      await store.close();
    }
  });
});
