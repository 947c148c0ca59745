#!/usr/bin/env node
// `npm run bench`: builds Weft (package.json does), then runs every (suite, scenario,
// concurrency) case of bench/suites.mjs in its own child process, prints a table per
// suite, and writes bench/RESULTS.md for a full run. Options: bench/lib/args.mjs.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, usage } from './lib/args.mjs';
import { formatHotSpots, hotSpots } from './lib/cpu-profile.mjs';
import { codeVersion, distBuiltAt, machine as describeMachine } from './lib/machine.mjs';
import { notes, targetVerdict, textTable } from './lib/report.mjs';
import { resultsMarkdown } from './lib/results-markdown.mjs';
import { medianRun } from './lib/stats.mjs';
import { findScenario, scenarios as allScenarios } from './scenarios/index.mjs';
import { concurrencies as defaultConcurrencies, suites as allSuites } from './suites.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = join(here, 'lib', 'case-child.mjs');
const DEFAULT_BUDGET_MS = 30_000;
/** Past its budget a case gets this long to report before it is killed (its event loop may be starved). */
const KILL_GRACE_MS = 15_000;

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}

const loop = {
  warmupMs: options.warmupMs ?? (options.quick ? 300 : 500),
  maxWarmupMs: options.maxWarmupMs ?? (options.quick ? 1000 : 3000),
  durationMs: options.durationMs ?? (options.quick ? 1000 : 3000),
  minCount: options.minCount,
  drainMs: 3_000,
};
loop.maxDurationMs = loop.durationMs * 2;

const suites = allSuites.filter((s) => !options.suites || options.suites.includes(s.id));
if (options.suites) for (const id of options.suites) if (!allSuites.some((s) => s.id === id)) fail(`unknown suite '${id}' (known: ${allSuites.map((s) => s.id).join(', ')})`);
let wanted;
try {
  wanted = options.scenarios?.map((key) => findScenario(key).id);
} catch (error) {
  fail(error.message);
}
const concurrencies = options.concurrencies ?? defaultConcurrencies;
const full = !options.quick && !options.suites && !options.scenarios && !options.concurrencies && options.durationMs === undefined;
const write = options.write ?? full;

const cases = [];
for (const suite of suites) {
  for (const scenarioId of suite.scenarios) {
    if (wanted && !wanted.includes(scenarioId)) continue;
    for (const concurrency of concurrencies) {
      const skip = options.concurrencies ? undefined : suite.skip?.find((k) => k.scenario === scenarioId && k.concurrency === concurrency);
      cases.push({ suite, scenario: findScenario(scenarioId), concurrency, skip: skip?.reason });
    }
  }
}
if (cases.length === 0) fail('nothing to run: the filters leave no case');

const startedAt = new Date();
const load = { start: os.loadavg()[0], end: 0 };
const machine = describeMachine();
const code = codeVersion(join(here, '..'));
console.log(`Weft benchmark — ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB.toFixed(1)} GiB, Node ${machine.node}`);
console.log(`temp dir ${machine.tmp}; 4 KiB write + fdatasync p50 ${machine.fsync.p50.toFixed(2)} ms; load average ${load.start.toFixed(1)}`);
console.log(`code: commit ${code.commit}${code.dirtyFiles ? ` + ${code.dirtyFiles} uncommitted files in core/ engine/ models/` : ''}, dist/ built ${code.distBuiltAt}`);
console.log(`${cases.length} cases × ${options.repeat}; warm-up ≥ ${loop.warmupMs} ms, window ${loop.durationMs} ms${options.quick ? ' (--quick: not for the record)' : ''}\n`);

const profileDir = join(here, 'profiles');
if (options.profile) mkdirSync(profileDir, { recursive: true });

const results = [];
for (const suite of suites) {
  const mine = cases.filter((c) => c.suite === suite);
  if (mine.length === 0) continue;
  console.log(`== ${suite.id}: ${suite.title}`);
  const rows = [];
  for (const c of mine) {
    const runs = [];
    if (c.skip) runs.push({ ...caseBase(c), ok: false, skipped: c.skip });
    else for (let k = 0; k < options.repeat; k++) runs.push(await runCase(c, k));
    const row = medianRun(runs);
    rows.push(row);
    results.push(row);
    const l = row.latency;
    console.log(
      `   ${c.scenario.id} ${c.scenario.name.padEnd(16)} c=${String(c.concurrency).padEnd(4)} ` +
        (row.ok ? `${Math.round(row.throughput).toString().padStart(6)} PI/s  p50 ${l.p50.toFixed(2)} ms  p99 ${l.p99.toFixed(2)} ms  RSS ${Math.round(row.maxRssMb)} MB` : '') +
        ` ${notes(row)}`,
    );
    if (row.profile) console.log(formatHotSpots(row.profile));
  }
  console.log(`\n${textTable(rows)}\n`);
}
load.end = os.loadavg()[0];
// Others may rebuild dist/ while we run: say which Weft cases ran on another build.
const rebuilt = results.filter((r) => r.target === 'weft' && r.distBuiltAt && r.distBuiltAt !== code.distBuiltAt);
for (const r of rebuilt) r.otherBuild = r.distBuiltAt;
if (rebuilt.length > 0) {
  code.changedDuringRun = `dist/ was rebuilt during the run; ${rebuilt.length} Weft case(s) ran on a newer build (marked in the notes column)`;
  console.log(`WARNING: ${code.changedDuringRun}`);
}

const verdict = targetVerdict(results);
if (verdict) console.log(verdict.text);

const finishedAt = new Date();
if (options.json) writeFileSync(options.json, JSON.stringify({ machine, code, load, loop, startedAt, finishedAt, results }, null, 2));
if (write) {
  const path = join(here, 'RESULTS.md');
  const commandLine = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  writeFileSync(path, resultsMarkdown({ machine, code, startedAt, finishedAt, loop, suites, scenarios: allScenarios, results, commandLine, load, path }));
  console.log(`wrote ${relative(process.cwd(), path)}`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);

/** Run one case in a fresh child process; resolves with its result (never rejects). */
function runCase(c, repeat) {
  const { suite, scenario, concurrency } = c;
  const budgetMs = suite.budgetMs ?? DEFAULT_BUDGET_MS;
  const spec = {
    suite: suite.id,
    target: suite.target,
    options: { ...suite.options, ...(options.maxConcurrentJobs ? { engine: { maxConcurrentJobs: options.maxConcurrentJobs } } : {}) },
    scenario: scenario.id,
    concurrency,
    loop: { ...loop, maxTotalMs: budgetMs },
  };
  const profileName = `${suite.id}-${scenario.id}-c${concurrency}${options.repeat > 1 ? `-r${repeat}` : ''}.cpuprofile`;
  const execArgv = ['--no-node-snapshot', ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${profileName}`] : [])];
  const base = { ...caseBase(c), budgetMs };
  const killAfterMs = budgetMs + KILL_GRACE_MS;
  return new Promise((resolve) => {
    let message;
    const child = fork(CHILD, [JSON.stringify(spec)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const timer = setTimeout(() => {
      message ??= { ok: false, error: `no result after ${killAfterMs / 1000} s (event loop starved?): killed` };
      child.kill('SIGKILL');
    }, killAfterMs);
    child.on('message', (m) => (message = m));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const result = { ...base, ...(message ?? { ok: false, error: `child exited (${signal ?? code}) without a result` }) };
      if (options.profile) {
        try {
          result.profile = hotSpots(join(profileDir, profileName));
        } catch {
          // no profile written (killed): nothing to show
        }
      }
      resolve(result);
    });
  });
}

function caseBase({ suite, scenario, concurrency }) {
  return {
    suite: suite.id,
    target: suite.target,
    scenario: `${scenario.id} ${scenario.name}`,
    scenarioId: scenario.id,
    concurrency,
    loadBefore: os.loadavg()[0],
    distBuiltAt: distBuiltAt(join(here, '..')),
  };
}

function fail(message) {
  console.error(message);
  process.exit(2);
}
