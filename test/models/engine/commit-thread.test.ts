import BetterSqlite3 from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/index.js';
import { Engine } from '../../../engine/index.js';
import { SqliteEngineStore, emptyChangeSet, openSqlite } from '../../../models/index.js';
import type { CommitMode } from '../../../models/index.js';
import { bpmn, chain, gateway, flow, serviceTask } from '../../support/bpmn.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'weft-commit-thread-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const process_ = bpmn('split', `
    <bpmn:startEvent id="start" />
${gateway('parallel', 'fork')}
${serviceTask('a', 'work', { inputs: [['=n * 2', 'doubled']], outputs: [['=doubled', 'a']] })}
${serviceTask('b', 'work')}
${gateway('parallel', 'join')}
    <bpmn:endEvent id="end" />
${chain('start', 'fork')}
${flow('f_fork_a', 'fork', 'a')}
${flow('f_fork_b', 'fork', 'b')}
${flow('f_a_join', 'a', 'join')}
${flow('f_b_join', 'b', 'join')}
${chain('join', 'end')}`);

/** Run the same instances on a store in `mode`; return every engine table's rows, in key order. */
async function runAndDump(mode: CommitMode): Promise<Record<string, unknown[]>> {
  const path = join(dir, `${mode}.db`);
  const store = new SqliteEngineStore(await openSqlite({ path }), { commits: mode });
  expect(store.commitMode).toBe(mode);
  const engine = new Engine({ store, clock: new ManualClock(Date.UTC(2026, 0, 1)), pollMs: 60_000 });
  engine.registerJobHandler({ type: 'work', handler: async (job) => ({ kind: 'complete', variables: { [`${job.elementId}Done`]: true } }) });
  await engine.start();
  await engine.deploy([{ name: 'split.bpmn', xml: process_ }], { orgId: 'default' });
  const keys = await Promise.all([1, 2, 3].map((n) => engine.createInstance({ bpmnProcessId: 'split', variables: { n }, orgId: 'default', workspaceId: 'default' })));
  for (const { processInstanceKey } of keys) await until(async () => (await store.getInstance(Number(processInstanceKey)))?.state === 'completed');
  await engine.stop(1_000);
  await store.close();
  const db = new BetterSqlite3(path, { readonly: true });
  const dump: Record<string, unknown[]> = {};
  for (const table of ['instances', 'element_instances', 'variables', 'jobs', 'history', 'definitions', 'engine_meta']) {
    dump[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
  }
  db.close();
  return dump;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition not reached');
}

describe('the engine store commit thread', () => {
  it('is the default for a database file and writes exactly what inline commits write', async () => {
    const defaultStore = new SqliteEngineStore(await openSqlite({ path: join(dir, 'default.db') }));
    expect(defaultStore.commitMode).toBe('thread');
    await defaultStore.close();
    const memory = new SqliteEngineStore(await openSqlite({ path: ':memory:' }), { commits: 'thread' });
    expect(memory.commitMode).toBe('inline');
    await memory.close();

    const threaded = await runAndDump('thread');
    const inline = await runAndDump('inline');
    expect(threaded.instances).toHaveLength(3);
    expect(threaded.history.length).toBeGreaterThan(3);
    // Keys and times come from the engine, so both files hold the same rows.
    expect(threaded).toEqual(inline);
  });

  it('rejects only the change set that cannot be written; the others of its batch commit', async () => {
    const path = join(dir, 'batch.db');
    const store = new SqliteEngineStore(await openSqlite({ path }), { commits: 'thread' });
    const deployment = (key: number) => ({ ...emptyChangeSet(key), deployments: [{ key, orgId: 'default', createdAt: 1 }] });
    await store.commit(deployment(1));
    // Submitted in one turn, so they travel in one message and one transaction first.
    const results = await Promise.allSettled([store.commit(deployment(2)), store.commit(deployment(1)), store.commit(deployment(3))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const failure = (results[1] as PromiseRejectedResult).reason as Error & { code?: string };
    expect(failure.message).toMatch(/UNIQUE constraint failed: deployments.key/);
    expect(failure.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    await store.close();
    const db = new BetterSqlite3(path, { readonly: true });
    expect(db.prepare('SELECT key FROM deployments ORDER BY key').all()).toEqual([{ key: 1 }, { key: 2 }, { key: 3 }]);
    expect(db.prepare(`SELECT value FROM engine_meta WHERE name = 'max_key'`).get()).toEqual({ value: '3' });
    db.close();
  });

  it('refuses commits after close', async () => {
    const store = new SqliteEngineStore(await openSqlite({ path: join(dir, 'closed.db') }), { commits: 'thread' });
    await store.close();
    await expect(store.commit(emptyChangeSet(1))).rejects.toThrow(/closed/);
  });

  it('does not keep an idle process alive, and a commit is on disk before its promise resolves', () => {
    // A child that commits and then simply ends its script, never closing the store.
    const models = pathToFileURL(join(process.cwd(), 'dist/models/index.js')).href;
    const path = join(dir, 'child.db');
    const script = join(dir, 'child.mjs');
    writeFileSync(
      script,
      `import { SqliteEngineStore, emptyChangeSet, openSqlite } from ${JSON.stringify(models)};
const store = new SqliteEngineStore(await openSqlite({ path: ${JSON.stringify(path)} }), { commits: 'thread' });
await store.commit({ ...emptyChangeSet(7), deployments: [{ key: 7, orgId: 'default', createdAt: 1 }] });
console.log(store.commitMode, 'committed');
`,
    );
    const output = execFileSync(process.execPath, [script], { timeout: 20_000, encoding: 'utf8' });
    expect(output.trim()).toBe('thread committed');
    const db = new BetterSqlite3(path, { readonly: true });
    expect(db.prepare('SELECT key FROM deployments').all()).toEqual([{ key: 7 }]);
    db.close();
  });
});
