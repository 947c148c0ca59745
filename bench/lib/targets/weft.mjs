// Weft, built (dist/), on a fresh SQLite file in a temp directory. With `embedded: true`
// it is composed as `weft run` and `weft serve` compose it (openEmbeddedEngine: the
// connector runtime and its job handler registered), for scenarios with connector tasks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChurnMap } from '../../../dist/core/index.js';
import { Engine } from '../../../dist/engine/index.js';
import { SqliteEngineStore, openSqlite } from '../../../dist/models/index.js';

export const name = 'weft';

/**
 * Start an engine for a scenario's `weft` part and return the closed-loop hooks.
 * `startOne` creates an instance and resolves when a commit reports it completed;
 * an incident or a termination rejects it.
 * @param {{ xml: string, bpmnProcessId: string, handlers?: object[], variables?: (i: number) => object, engine?: object, env?: object }} spec
 *   `env`: the environment the embedded engine reads (WEFT_EGRESS_ALLOW, WEFT_SECRET_*)
 * @param {{ durability?: 'fsync' | 'os', commits?: 'thread' | 'inline', engine?: object, embedded?: boolean, connectorThread?: boolean }} options  `engine`: extra EngineOptions
 *   (e.g. maxConcurrentJobs; not with `embedded`, which takes the engine's defaults)
 */
export async function setup(spec, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  const engineErrors = [];
  const onError = (error, what) => engineErrors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  const durability = options.durability ?? 'fsync';
  let engine;
  let closeEngine;
  let connectors;
  if (options.embedded) {
    if (spec.engine || options.engine) throw new Error('the embedded engine takes no extra EngineOptions');
    const { openEmbeddedEngine } = await import('../../../dist/server/compose/embedded-engine.js');
    const embedded = await openEmbeddedEngine({ path: join(dir, 'weft.db'), durability, env: spec.env ?? {}, onError, ...(options.connectorThread === undefined ? {} : { connectorThread: options.connectorThread }) });
    engine = embedded.engine;
    connectors = embedded.connectors;
    closeEngine = () => embedded.close(1_000);
  } else {
    const store = new SqliteEngineStore(await openSqlite({ path: join(dir, 'weft.db'), durability }), options.commits ? { commits: options.commits } : {});
    engine = new Engine({ store, ...spec.engine, ...options.engine, onError });
    closeEngine = async () => {
      await engine.stop(1_000);
      await store.close();
    };
  }
  for (const handler of spec.handlers ?? []) engine.registerJobHandler(handler);
  await engine.start();
  const deployed = await engine.deploy([{ name: `${spec.bpmnProcessId}.bpmn`, xml: spec.xml }], { orgId: 'default' });
  if (deployed.warnings?.length) throw new Error(`deploy warnings: ${JSON.stringify(deployed.warnings)}`);

  // A start→end instance completes inside createInstance, before its key is known here:
  // outcomes that arrive before anyone waits are parked until createInstance returns.
  // ChurnMap, not Map: see core/churn-map.ts (a churning Map would make this harness
  // promote what it holds, and skew the engine's GC figures).
  const waiting = new ChurnMap();
  const early = new ChurnMap();
  engine.events.onCommitted(({ instanceKey, instanceState, history }) => {
    let outcome;
    if (instanceState === 'completed') outcome = null;
    else if (instanceState === 'terminated') outcome = new Error(`instance ${instanceKey} terminated`);
    else if (history.some((h) => h.type === 'INCIDENT_CREATED')) outcome = new Error(`instance ${instanceKey} has an incident at ${history.find((h) => h.type === 'INCIDENT_CREATED').elementId}`);
    else return;
    const waiter = waiting.get(instanceKey);
    if (waiter) {
      waiting.delete(instanceKey);
      outcome ? waiter.reject(outcome) : waiter.resolve();
    } else {
      early.set(instanceKey, outcome);
    }
  });

  const variables = spec.variables ?? (() => ({}));
  async function runOne(i) {
    const created = await engine.createInstance({ bpmnProcessId: spec.bpmnProcessId, variables: variables(i), orgId: 'default', workspaceId: 'default' });
    const key = Number(created.processInstanceKey);
    if (early.has(key)) {
      const outcome = early.get(key);
      early.delete(key);
      if (outcome) throw outcome;
      return key;
    }
    await new Promise((resolve, reject) => waiting.set(key, { resolve, reject }));
    return key;
  }

  return {
    async startOne(i) {
      await runOne(i);
    },
    /** Run one instance and return its root variables at the end (checked against the scenario). */
    async probe(i) {
      const outcome = await engine.outcome(await runOne(i));
      return outcome.variables;
    },
    diagnostics() {
      return { engineErrors: engineErrors.slice(0, 5), engineErrorCount: engineErrors.length, waiting: waiting.size };
    },
    /** For measuring tools (bench/thread-cpu.mjs --stages): the engine, and the connector services when embedded. */
    internals: { engine, connectors },
    async close() {
      await closeEngine();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
