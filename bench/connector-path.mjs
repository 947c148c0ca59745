#!/usr/bin/env node
// Micro-benchmark: where the time of one REST connector call goes (issue #3). Layer by
// layer, from a raw undici GET up to the connector runtime as `weft serve` composes it,
// each measured as CPU µs per call (this process, all threads) and calls/s, in a closed
// loop against the same local HTTPS JSON server (lib/servers/https-json.mjs, its own
// process). Layers alternate over several rounds; the median round is shown.
// Not part of `npm run bench`. Run after `npm run build`:
//
//   node --no-node-snapshot bench/connector-path.mjs [--concurrency 1,64] [--rounds 3] [--layer TEXT]
//
// `--layer TEXT` keeps the layers whose name contains TEXT — e.g. to profile one with
// `node --no-node-snapshot --cpu-prof bench/connector-path.mjs --layer memory`.
//
// The test CA is trusted through NODE_EXTRA_CA_CERTS, as in `npm run bench`: the script
// makes the CA, then runs itself again with that variable set (Node reads it only at start).
// (Until commit 9cc93b0 the egress `ca` option built a SecureContext from all root
// certificates plus the CA for every new connection — ≈ 20 ms of CPU each; now one per pool.)
//
// Layers:
//   undici                         Agent.request + body.text() + JSON.parse (the floor)
//   + AbortSignal.timeout/any      the same with a per-call deadline signal joined to a job signal
//   + stream.pipeline body read    the same, body read through pipeline() with two Transforms
//   runtime, allowlist in memory   createConnectorRuntime().execute(REST job), the org
//                                  allowlist answered from memory instead of SQLite
//   runtime, SQLite stores         the runtime on the SQLite repositories, as `weft serve` has it
//   engine, task with no-op handler  a whole instance of scenario (d) (start → task → end, durable)
//                                  with the same inputs and headers, its job done by an in-process
//                                  no-op handler: the engine's share without any HTTP
//   engine, REST connector task    a whole instance of scenario (d) as `npm run bench` runs it
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Agent } from 'undici';
import { createConnectorRuntime, openVault } from '../dist/connectors/index.js';
import {
  ConnectorDefinitionRepository,
  OrgSettingsRepository,
  VaultStorageRepository,
  WorkspaceCredentialRepository,
  WorkspaceSecretRepository,
  openSqlite,
} from '../dist/models/index.js';
import { closedLoop } from './lib/closed-loop.mjs';
import { setup as weftSetup } from './lib/targets/weft.mjs';
import restConnector, { withNoopHandler } from './scenarios/rest-connector.mjs';
import { startServerProcess } from './lib/server-process.mjs';
import { median } from './lib/stats.mjs';
import { createTlsFixture } from './lib/tls-fixture.mjs';

const option = (flag, fallback) => {
  const at = process.argv.indexOf(flag);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const concurrencies = option('--concurrency', '1,64').split(',').map(Number);
const rounds = Number(option('--rounds', '3'));
const only = option('--layer', '');

if (!process.env.WEFT_BENCH_TLS) {
  const tls = createTlsFixture();
  const child = fork(process.argv[1], process.argv.slice(2), {
    execArgv: process.execArgv,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caPath, WEFT_BENCH_TLS: JSON.stringify(tls) },
  });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  tls.remove();
  process.exit(code ?? 1);
}
const tls = JSON.parse(process.env.WEFT_BENCH_TLS);
const server = await startServerProcess('https-json', { certPath: tls.certPath, keyPath: tls.keyPath });
const origin = `https://localhost:${server.port}`;
const dir = mkdtempSync(join(tmpdir(), 'weft-bench-connector-path-'));
const handle = await openSqlite({ path: join(dir, 'weft.db') });

const agent = new Agent({ keepAliveTimeout: 60_000 });
const get = (i, extra = {}) => agent.request({ origin, path: `/orders/${i}`, method: 'GET', headers: { 'accept-encoding': 'gzip, deflate, br' }, ...extra });
// Each job has its own abort signal in the engine's worker pool: so here too.
const jobSignal = () => new AbortController().signal;

/** The body read the way a size-capped, decompressing reader does it: pipeline() through two Transforms. */
async function readThroughPipeline(body) {
  const chunks = [];
  const count = new Transform({ transform: (chunk, _e, done) => done(null, chunk) });
  const collect = new Transform({
    transform(chunk, _e, done) {
      chunks.push(chunk);
      done();
    },
  });
  await pipeline(body, count, collect);
  return Buffer.concat(chunks).toString('utf8');
}

async function runtimeOn(orgSettings) {
  const { kysely } = handle;
  const runtime = createConnectorRuntime({
    definitions: new ConnectorDefinitionRepository(kysely),
    credentials: new WorkspaceCredentialRepository(kysely),
    secrets: new WorkspaceSecretRepository(kysely),
    orgSettings,
    vault: await openVault({ storage: new VaultStorageRepository(kysely), masterKey: Buffer.alloc(32, 7) }),
    egress: { allow: [`localhost:${server.port}`] },
    env: {},
  });
  return async (i) => {
    const outcome = await runtime.execute({
      jobKey: String(i),
      type: 'io.camunda:http-json:1',
      headers: {},
      variables: { authentication: { type: 'noAuth' }, method: 'GET', url: `${origin}/orders/${i}`, connectionTimeoutInSeconds: '20', readTimeoutInSeconds: '20' },
      retries: 3,
      orgId: 'default',
      workspaceId: 'default',
      processInstanceKey: '1',
      elementId: 'getOrder',
      signal: jobSignal(),
    });
    if (outcome.kind !== 'success') throw new Error(`${outcome.kind}: ${JSON.stringify(outcome.error ?? outcome.reason)}`);
  };
}

const allLayers = {
  undici: async (i) => JSON.parse(await (await get(i)).body.text()),
  '+ AbortSignal.timeout/any': async (i) => {
    const signal = AbortSignal.any([jobSignal(), AbortSignal.timeout(120_000)]);
    return JSON.parse(await (await get(i, { signal, headersTimeout: 20_000, bodyTimeout: 20_000 })).body.text());
  },
  '+ stream.pipeline body read': async (i) => {
    const signal = AbortSignal.any([jobSignal(), AbortSignal.timeout(120_000)]);
    return JSON.parse(await readThroughPipeline((await get(i, { signal, headersTimeout: 20_000, bodyTimeout: 20_000 })).body));
  },
  'runtime, allowlist in memory': await runtimeOn({ domainAllowlist: async () => undefined }),
  'runtime, SQLite stores': await runtimeOn(new OrgSettingsRepository(handle.kysely)),
};

/** Scenario (d) on an embedded engine; with `noop`, the task's job type is handled in-process instead. */
async function engineOn({ noop }) {
  const part = restConnector.weft({ origin, hostPort: `localhost:${server.port}` });
  const spec = noop ? withNoopHandler(part) : part;
  const hooks = await weftSetup({ ...spec, variables: restConnector.variables }, { durability: 'fsync', embedded: true });
  closers.push(hooks.close);
  return hooks.startOne;
}
const closers = [];
allLayers['engine, task with no-op handler'] = await engineOn({ noop: true });
allLayers['engine, REST connector task'] = await engineOn({ noop: false });

const layers = Object.fromEntries(Object.entries(allLayers).filter(([name]) => name.includes(only)));

async function measure(startOne, concurrency) {
  let cpuAtOpen;
  let cpu;
  const loop = await closedLoop({
    startOne,
    concurrency,
    warmupMs: 1_500,
    maxWarmupMs: 3_000,
    durationMs: 2_000,
    onWindowOpen: () => (cpuAtOpen = process.cpuUsage()),
    onWindowClose: () => (cpu = process.cpuUsage(cpuAtOpen)),
  });
  if (loop.errors) throw new Error(`${loop.errors} errors: ${loop.firstError}`);
  return { rate: loop.throughput, cpuUs: (cpu.user + cpu.system) / loop.completed };
}

console.log(`REST connector call path, ${rounds} rounds per layer (median shown), server ${origin} in its own process`);
try {
  for (const concurrency of concurrencies) {
    const seen = new Map(Object.keys(layers).map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const [name, startOne] of Object.entries(layers)) seen.get(name).push(await measure(startOne, concurrency));
    }
    console.log(`\nconcurrency ${concurrency}                    CPU µs/call   calls/s`);
    for (const [name, runs] of seen) {
      console.log(`  ${name.padEnd(33)} ${Math.round(median(runs.map((r) => r.cpuUs))).toString().padStart(8)}  ${Math.round(median(runs.map((r) => r.rate))).toString().padStart(8)}`);
    }
  }
} finally {
  for (const close of closers) await close();
  await agent.close();
  await handle.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
