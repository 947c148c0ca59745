#!/usr/bin/env node
// Where scenario (d)'s CPU goes, thread by thread: start → REST connector task → end on the
// embedded engine (as `weft serve` composes it), closed loop against the benchmark's HTTPS
// server in its own process, and each thread's CPU time over the window from /proc (Linux),
// per completed instance. The engine's thread is the process's own id; the others are the
// connector thread, the store's commit thread and V8's and libuv's helpers (Linux names them
// all "node": tell them apart by their numbers). Not part of `npm run bench`. After a build:
//
//   node --no-node-snapshot bench/thread-cpu.mjs [--c 100] [--seconds 4] [--inline] [--noop] [--delay MS] [--warmup S] [--stages] [--profile FILE] [--heap FILE [--survivors]]
//
//   --inline   connector jobs on the engine's thread (connectorThread: false)
//   --noop     the task's job done by an in-process no-op handler instead: the engine alone
//   --profile  V8 CPU profile of the engine's thread, window only (read it with lib/cpu-profile.mjs)
//   --heap     V8 sampling heap profile of the engine's thread, window only (every allocation)
//   --survivors  with --heap: only what survived a scavenge (promoted to the old generation, or live)
//   --warmup S warm-up before the window (default 2)
//   --delay MS the server holds every answer MS ms, as scenario (f) does with 20
//   --stages   also the mean round trips an instance waits for, in the window: a commit (handed
//              to the store → durable) and a connector call (handed to the runtime → outcome)
//
// Per thread it prints CPU µs per instance, context switches per instance (the thread
// waited / was preempted), from /proc/self/task/*/stat and status, and how long per instance
// it was runnable but had no CPU (run-queue wait, /proc/self/task/*/schedstat).
import { fork } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { closedLoop } from './lib/closed-loop.mjs';
import { cpuMs } from './lib/process-stats.mjs';
import { startServerProcess } from './lib/server-process.mjs';
import { setup } from './lib/targets/weft.mjs';
import { createTlsFixture } from './lib/tls-fixture.mjs';
import restConnector, { withNoopHandler } from './scenarios/rest-connector.mjs';

const option = (flag) => {
  const at = process.argv.indexOf(flag);
  return at > 0 ? process.argv[at + 1] : undefined;
};
// NODE_EXTRA_CA_CERTS is read at start only: make the test CA, then run again with it.
if (!process.env.WEFT_BENCH_TLS) {
  const tls = createTlsFixture();
  const child = fork(process.argv[1], process.argv.slice(2), { execArgv: process.execArgv, env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caPath, WEFT_BENCH_TLS: JSON.stringify(tls) } });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  tls.remove();
  process.exit(code ?? 1);
}
const tls = JSON.parse(process.env.WEFT_BENCH_TLS);
const concurrency = Number(option('--c') ?? 100);
const noop = process.argv.includes('--noop');
const warmupMs = Number(option('--warmup') ?? 2) * 1000;
const delayMs = Number(option('--delay') ?? 0);
const server = await startServerProcess('https-json', { certPath: tls.certPath, keyPath: tls.keyPath, delayMs });
const part = restConnector.weft({ origin: `https://localhost:${server.port}`, hostPort: `localhost:${server.port}` });
const spec = noop ? withNoopHandler(part) : part;
const hooks = await setup({ ...spec, variables: restConnector.variables }, { durability: 'fsync', embedded: true, ...(process.argv.includes('--inline') ? { connectorThread: false } : {}) });

/** Mean duration of the calls made to `object[method]` while `timing.on`. */
function timeCalls(object, method, timing) {
  const original = object[method];
  const stats = { count: 0, ms: 0 };
  object[method] = async function timed(...args) {
    if (!timing.on) return original.apply(this, args);
    const started = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      stats.ms += performance.now() - started;
      stats.count++;
    }
  };
  return stats;
}
const timing = { on: false };
const stages = process.argv.includes('--stages')
  ? {
      commit: timeCalls(hooks.internals.engine.store, 'commit', timing),
      ...(noop ? {} : { 'connector call': timeCalls(hooks.internals.connectors.runtime, 'execute', timing) }),
    }
  : undefined;

/** CPU ms of every thread of this process, by thread id. */
function threads() {
  const out = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const status = readFileSync(`/proc/self/task/${tid}/status`, 'utf8');
      const switches = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
      // schedstat: ns on a CPU, ns runnable but waiting for one, timeslices.
      const [, waitNs] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      out.set(Number(tid), { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10, voluntary: switches('voluntary_ctxt_switches'), involuntary: switches('nonvoluntary_ctxt_switches'), waitMs: waitNs / 1e6 });
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

const session = new Session();
session.connect();
const profileFile = option('--profile');
const heapFile = option('--heap');
const survivorsOnly = process.argv.includes('--survivors');
if (profileFile) await session.post('Profiler.enable');
if (heapFile) await session.post('HeapProfiler.enable');
let atOpen;
let atClose;
let serverAtOpen;
let serverMs;
let profile;
let heap;
const loop = await closedLoop({
  startOne: hooks.startOne,
  concurrency,
  warmupMs,
  maxWarmupMs: warmupMs + 2_000,
  durationMs: Number(option('--seconds') ?? 4) * 1000,
  onWindowOpen() {
    timing.on = true;
    atOpen = threads();
    serverAtOpen = cpuMs(server.pid);
    if (profileFile) void session.post('Profiler.start');
    if (heapFile) void session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !survivorsOnly });
  },
  onWindowClose() {
    timing.on = false;
    atClose = threads();
    serverMs = cpuMs(server.pid) - serverAtOpen;
    if (profileFile) profile = session.post('Profiler.stop');
    if (heapFile) heap = session.post('HeapProfiler.stopSampling');
  },
});
if (profile) writeFileSync(profileFile, JSON.stringify((await profile).profile));
if (heap) writeFileSync(heapFile, JSON.stringify((await heap).profile));
const n = loop.completed;
const perInstance = (ms) => ((ms * 1000) / n).toFixed(1).padStart(7);
console.log(`scenario d${noop ? ' (no-op handler)' : ''}${delayMs ? `, upstream holds answers ${delayMs} ms` : ''}, c=${concurrency}: ${Math.round(loop.throughput)} PI/s, ${n} instances in ${Math.round(loop.windowMs)} ms${loop.errors ? `, ${loop.errors} errors` : ''}`);
console.log('thread            CPU µs per instance (user + system)   context switches per instance (waits / preempted)   runnable, no CPU: µs per instance');
let total = 0;
const rows = [...atClose].map(([tid, end]) => {
  const start = atOpen.get(tid) ?? { user: 0, system: 0, voluntary: 0, involuntary: 0, waitMs: 0 };
  return { tid, user: end.user - start.user, system: end.system - start.system, voluntary: end.voluntary - start.voluntary, involuntary: end.involuntary - start.involuntary, waitMs: end.waitMs - start.waitMs };
}).filter((r) => r.user + r.system > 0).sort((a, b) => b.user + b.system - (a.user + a.system));
for (const r of rows) {
  total += r.user + r.system;
  const switches = `${(r.voluntary / n).toFixed(2)} / ${(r.involuntary / n).toFixed(2)}`;
  console.log(`${(r.tid === process.pid ? 'engine (main)' : String(r.tid)).padEnd(16)} ${perInstance(r.user + r.system)}  ${`(${perInstance(r.user).trim()} + ${perInstance(r.system).trim()})`.padEnd(20)} ${switches.padEnd(53)} ${perInstance(r.waitMs)}`);
}
console.log(`${'all threads'.padEnd(16)} ${perInstance(total)}`);
console.log(`${'HTTPS server'.padEnd(16)} ${perInstance(serverMs)}  (its own process)`);
for (const [name, { count, ms }] of Object.entries(stages ?? {})) {
  console.log(`round trip, ${name}: ${(ms / count).toFixed(2)} ms on average over ${count}`);
}
await hooks.close();
await server.close();
process.exit(0);
