#!/usr/bin/env node
// `npm run bench`: builds Weft (package.json does), then runs every (suite, scenario,
// concurrency) case of bench/suites.mjs in its own child process, prints a table per
// suite (and, for a group, its subject beside its baseline), and writes bench/RESULTS.md
// for a full run. Options: bench/lib/args.mjs.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, usage } from './lib/args.mjs';
import { formatHotSpots, hotSpots } from './lib/cpu-profile.mjs';
import { MEASURED_DIRS, codeVersion, distBuiltAt, machine as describeMachine } from './lib/machine.mjs';
import { comparison, comparisonTable, groupVerdict, notes, targetVerdict, textTable } from './lib/report.mjs';
import { resultsMarkdown } from './lib/results-markdown.mjs';
import { medianRun } from './lib/stats.mjs';
import { createTlsFixture } from './lib/tls-fixture.mjs';
import { findScenario, scenarios as allScenarios } from './scenarios/index.mjs';
import { concurrencies as defaultConcurrencies, groups as allGroups, suites as allSuites } from './suites.mjs';

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

// `--suite` takes suite ids and group ids (a group stands for all its suites).
const suites = allSuites.filter((s) => !options.suites || options.suites.includes(s.id) || options.suites.includes(s.group));
const known = [...allSuites.map((s) => s.id), ...allGroups.map((g) => g.id)];
if (options.suites) for (const id of options.suites) if (!known.includes(id)) fail(`unknown suite '${id}' (known: ${known.join(', ')})`);
let wanted;
try {
  wanted = options.scenarios?.map((key) => findScenario(key).id);
} catch (error) {
  fail(error.message);
}
const full = !options.quick && !options.suites && !options.scenarios && !options.concurrencies && options.durationMs === undefined;
const write = options.write ?? full;

const cases = [];
for (const suite of suites) {
  for (const scenarioId of suite.scenarios) {
    if (wanted && !wanted.includes(scenarioId)) continue;
    for (const concurrency of options.concurrencies ?? suite.concurrencies ?? defaultConcurrencies) {
      const skip = options.concurrencies ? undefined : suite.skip?.find((k) => k.scenario === scenarioId && k.concurrency === concurrency);
      cases.push({ suite, scenario: findScenario(scenarioId), concurrency, skip: skip?.reason });
    }
  }
}
if (cases.length === 0) fail('nothing to run: the filters leave no case');

// Blocks run one after the other: an ungrouped suite alone, or a group's suites together.
const blocks = [];
for (const suite of suites) {
  if (!cases.some((c) => c.suite === suite)) continue;
  const last = blocks.at(-1);
  if (suite.group && last?.group?.id === suite.group) last.suites.push(suite);
  else blocks.push({ group: suite.group ? allGroups.find((g) => g.id === suite.group) : undefined, suites: [suite] });
}

const startedAt = new Date();
const load = { start: os.loadavg()[0], end: 0 };
const machine = describeMachine();
const code = codeVersion(join(here, '..'));
console.log(`Weft benchmark — ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB.toFixed(1)} GiB, Node ${machine.node}`);
console.log(`temp dir ${machine.tmp}; 4 KiB write + fdatasync p50 ${machine.fsync.p50.toFixed(2)} ms; load average ${load.start.toFixed(1)}`);
console.log(`code: commit ${code.commit}${code.dirtyFiles ? ` + ${code.dirtyFiles} uncommitted files in ${MEASURED_DIRS.join('/ ')}/` : ''}, dist/ built ${code.distBuiltAt}`);
console.log(`${cases.length} cases × ${options.repeat}; warm-up ≥ ${loop.warmupMs} ms, window ${loop.durationMs} ms${options.quick ? ' (--quick: not for the record)' : ''}\n`);

const profileDir = join(here, 'profiles');
if (options.profile) mkdirSync(profileDir, { recursive: true });
// Scenarios calling an HTTPS server need a CA the case child trusts from its start.
const tls = cases.some((c) => c.scenario.upstream && !c.skip) ? createTlsFixture() : undefined;
process.on('exit', () => tls?.remove());

const results = [];
const verdicts = [];
for (const block of blocks) {
  const { group } = block;
  console.log(group ? `== ${group.id}: ${group.title} (suites ${block.suites.map((s) => s.id).join(', ')}, interleaved)` : `== ${block.suites[0].id}: ${block.suites[0].title}`);
  const mine = cases.filter((c) => block.suites.includes(c.suite));
  const rowsBySuite = new Map(block.suites.map((s) => [s, []]));
  // For each (scenario, concurrency): every repeat of every suite of the block in turn, so
  // a group's subject and baseline run back to back under the same machine load.
  const slots = [];
  for (const c of mine) if (!slots.some((k) => k.scenario === c.scenario && k.concurrency === c.concurrency)) slots.push(c);
  for (const slot of slots) {
    const slotCases = mine.filter((c) => c.scenario === slot.scenario && c.concurrency === slot.concurrency);
    const runs = new Map(slotCases.map((c) => [c, []]));
    for (let k = 0; k < options.repeat; k++) {
      for (const c of slotCases) {
        if (c.skip) {
          if (k === 0) runs.get(c).push({ ...caseBase(c), ok: false, skipped: c.skip });
        } else runs.get(c).push(await runCase(c, k));
      }
    }
    for (const c of slotCases) {
      const row = medianRun(runs.get(c));
      const failedChecks = runs.get(c).filter((r) => r.ok && r.check && !r.check.ok).length;
      if (failedChecks) row.checkFailures = failedChecks;
      // The median run's errors are in its notes; say so when another run had some.
      const erring = runs.get(c).filter((r) => r.ok && r.errors > 0).length;
      if (erring && !row.errors) row.errorRuns = erring;
      rowsBySuite.get(c.suite).push(row);
      results.push(row);
      const l = row.latency;
      const unit = c.suite.rate ?? 'PI/s';
      console.log(
        `   ${group ? `${c.suite.id.padEnd(17)} ` : ''}${c.scenario.id} ${c.scenario.name.padEnd(16)} c=${String(c.concurrency).padEnd(4)} ` +
          (row.ok ? `${Math.round(row.throughput).toString().padStart(6)} ${unit}  p50 ${l.p50.toFixed(2)} ms  p99 ${l.p99.toFixed(2)} ms  RSS ${Math.round(row.maxRssMb ?? 0)} MB` : '') +
          ` ${notes(row)}`,
      );
      if (row.profile) console.log(formatHotSpots(row.profile));
    }
  }
  for (const [suite, rows] of rowsBySuite) console.log(`\n${group ? `${suite.id}: ${suite.title}\n` : ''}${textTable(rows, suite)}`);
  if (group) {
    console.log(`\n${comparisonTable(comparison(results, group), group, { text: true })}`);
    const verdict = groupVerdict(results, group);
    if (verdict) verdicts.push(verdict.text);
  }
  console.log('');
}
load.end = os.loadavg()[0];
// Others may rebuild dist/ while we run: say which Weft cases ran on another build.
const rebuilt = results.filter((r) => (r.target === 'weft' || r.target === 'weft-serve') && r.distBuiltAt && r.distBuiltAt !== code.distBuiltAt);
for (const r of rebuilt) r.otherBuild = r.distBuiltAt;
if (rebuilt.length > 0) {
  code.changedDuringRun = `dist/ was rebuilt during the run; ${rebuilt.length} Weft case(s) ran on a newer build (marked in the notes column)`;
  console.log(`WARNING: ${code.changedDuringRun}`);
}

const verdict = targetVerdict(results);
if (verdict) console.log(verdict.text);
for (const text of verdicts) console.log(text);

const finishedAt = new Date();
if (options.json) writeFileSync(options.json, JSON.stringify({ machine, code, load, loop, startedAt, finishedAt, results }, null, 2));
if (write) {
  const path = join(here, 'RESULTS.md');
  const commandLine = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  writeFileSync(path, resultsMarkdown({ machine, code, startedAt, finishedAt, loop, suites, groups: allGroups, scenarios: allScenarios, results, commandLine, load, path }));
  console.log(`wrote ${relative(process.cwd(), path)}`);
}
// A case skipped on purpose (named in the report) is not a failure.
process.exit(results.every((r) => r.ok || r.skipped) ? 0 : 1);

/** Run one case in a fresh child process; resolves with its result (never rejects). */
function runCase(c, repeat) {
  const { suite, scenario, concurrency } = c;
  const budgetMs = suite.budgetMs ?? DEFAULT_BUDGET_MS;
  const spec = {
    suite: suite.id,
    target: suite.target,
    // openEmbeddedEngine (suites with `embedded`) takes the engine's defaults: no override there.
    options: { ...suite.options, ...(options.maxConcurrentJobs && !suite.options?.embedded ? { engine: { maxConcurrentJobs: options.maxConcurrentJobs } } : {}) },
    scenario: scenario.id,
    concurrency,
    loop: { ...loop, ...scenarioWarmup(scenario), maxTotalMs: budgetMs },
    ...(scenario.upstream ? { tls: { certPath: tls.certPath, keyPath: tls.keyPath } } : {}),
  };
  const profileName = `${suite.id}-${scenario.id}-c${concurrency}${options.repeat > 1 ? `-r${repeat}` : ''}.cpuprofile`;
  const profileFlags = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${profileName}`];
  // A target that starts the server under test profiles that server, not the load generator.
  if (options.profile && suite.profileServer) spec.options = { ...spec.options, execArgv: profileFlags };
  const execArgv = ['--no-node-snapshot', ...(options.profile && !suite.profileServer ? profileFlags : [])];
  const env = scenario.upstream ? { ...process.env, NODE_EXTRA_CA_CERTS: tls.caPath } : process.env;
  const base = { ...caseBase(c), budgetMs };
  const killAfterMs = budgetMs + KILL_GRACE_MS;
  return new Promise((resolve) => {
    let message;
    // Servers the case started (it announces their pids): a killed case cannot end them itself.
    const servers = [];
    const child = fork(CHILD, [JSON.stringify(spec)], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const timer = setTimeout(() => {
      message ??= { ok: false, error: `no result after ${killAfterMs / 1000} s (event loop starved?): killed` };
      child.kill('SIGKILL');
    }, killAfterMs);
    child.on('message', (m) => {
      if (m?.type === 'server') servers.push(m.pid);
      else if (m?.type === 'servers-closed') servers.length = 0;
      else message = m;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal || code !== 0) for (const pid of servers) endServer(pid);
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

/** End a server a case left behind (it was killed or failed before closing it); gone already is fine. */
function endServer(pid) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already exited
  }
}

/**
 * A scenario may ask for a longer warm-up than the default (`warmupMs`): one whose code
 * paths need seconds of JIT and connection set-up before the window shows steady state.
 * An explicit --warmup, and --quick, win.
 */
function scenarioWarmup(scenario) {
  if (!scenario.warmupMs || options.quick || options.warmupMs !== undefined) return {};
  const warmupMs = Math.max(loop.warmupMs, scenario.warmupMs);
  return { warmupMs, maxWarmupMs: Math.max(loop.maxWarmupMs, warmupMs) };
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
