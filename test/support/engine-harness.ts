import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../core/index.js';
import { Engine } from '../../engine/index.js';
import type { EngineOptions } from '../../engine/index.js';
import { SqliteEngineStore, openSqlite } from '../../models/index.js';

/** A real engine on a real SQLite file in a temp directory, with a manual clock. */
export interface Harness {
  readonly engine: Engine;
  readonly clock: ManualClock;
  readonly store: SqliteEngineStore;
  readonly dir: string;
  readonly dbPath: string;
  /** Deploy one BPMN text into org `default`; returns the process id of the first process. */
  deploy(xml: string, name?: string): Promise<string>;
  /** Start an instance in workspace `default`; returns its key. */
  start(bpmnProcessId: string, variables?: Record<string, unknown>): Promise<string>;
  /** Let microtasks and the group commit settle. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function createHarness(options: Partial<EngineOptions> & { dir?: string; start?: boolean } = {}): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'weft-test-'));
  const dbPath = join(dir, 'weft.db');
  const store = new SqliteEngineStore(await openSqlite({ path: dbPath }));
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const engine = new Engine({ store, clock, pollMs: 60_000, ...options });
  if (options.start !== false) await engine.start();
  return {
    engine,
    clock,
    store,
    dir,
    dbPath,
    async deploy(xml, name = 'process.bpmn') {
      const result = await engine.deploy([{ name, xml }], { orgId: 'default' });
      return result.processes[0]!.bpmnProcessId;
    },
    async start(bpmnProcessId, variables = {}) {
      const created = await engine.createInstance({ bpmnProcessId, variables, orgId: 'default', workspaceId: 'default' });
      return created.processInstanceKey;
    },
    async settle() {
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    },
    async close() {
      await engine.stop(100);
      await store.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
