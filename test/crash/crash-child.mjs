// A child process for the crash-safety test: runs many instances of one process on a
// SQLite file with real in-process workers and real (short) timers, and gets killed
// with SIGKILL at random moments by the parent. Imports the built engine from dist/.
// Usage: node --no-node-snapshot crash-child.mjs DB_PATH INSTANCE_COUNT [inline|thread]
import { readFileSync } from 'node:fs';
import { Engine } from '../../dist/engine/index.js';
import { SqliteEngineStore, openSqlite } from '../../dist/models/index.js';

const [dbPath, countText, commits = 'inline'] = process.argv.slice(2);
const total = Number(countText);
const xml = readFileSync(new URL('./crash-process.bpmn', import.meta.url), 'utf8');

const store = new SqliteEngineStore(await openSqlite({ path: dbPath }), { commits });
const engine = new Engine({ store, pollMs: 20, onError: (error, what) => process.stderr.write(`child ${what}: ${error}\n`) });
engine.registerJobHandler({
  type: 'work',
  timeoutMs: 60_000,
  handler: async (job) => ({ kind: 'complete', variables: { [`done_${job.elementId}`]: true } }),
});
// One line per completed instance: the parent kills after a random number of them, so
// every kill lands while work is going on, however fast the engine is.
engine.events.onCommitted(({ instanceState }) => {
  if (instanceState === 'completed') process.stdout.write('done\n');
});
await engine.start();
await engine.deploy([{ name: 'crash-process.bpmn', xml }], { orgId: 'default' });

// Create the instances not created yet (a kill may interrupt this loop too).
const existing = await store.listInstances({ limit: total + 10 });
const started = new Set(existing.map((i) => i.key));
for (let i = existing.length; i < total; i++) {
  const created = await engine.createInstance({ bpmnProcessId: 'crash', variables: { seq: i }, orgId: 'default', workspaceId: 'default' });
  started.add(Number(created.processInstanceKey));
}
process.stdout.write('started\n');

// Run until every instance completed, then exit cleanly.
for (;;) {
  const counts = await store.counts();
  if ((counts.instances.completed ?? 0) >= total) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await engine.stop(1000);
await store.close();
process.stdout.write('all completed\n');
