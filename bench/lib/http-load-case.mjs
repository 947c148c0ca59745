// One HTTP-level case (a scenario with `driver: 'http-load'`) inside the case child: the
// target starts its server in another process, the probe checks it does the scenario's
// work, autocannon loads it from this process, then what the server did is counted against
// the answers, so nothing is dropped silently.
import { httpLoad } from './http-load.mjs';
import { checkProbe } from './probe-check.mjs';
import { cpuMeter, peakRssMb } from './process-stats.mjs';
import { latencySummary } from './stats.mjs';

/** After the load stopped, time for requests cut off in flight to finish on the server. */
const SETTLE_MS = 500;

/**
 * @param {{ spec: object, scenario: object, target: object, part: object, setHooks: (hooks: object) => void }} c
 * @returns {Promise<object>} the result message for run.mjs
 */
export async function runHttpLoadCase({ spec, scenario, target, part, setHooks }) {
  const hooks = await target.setup(part, spec.options);
  setHooks(hooks);
  const probe = await hooks.probe();
  if (part.probe?.variables) checkProbe(probe.variables, part.probe.variables, `${scenario.name} probe on ${target.name}`);

  const server = cpuMeter(hooks.pid);
  let self;
  let serverCpuPercent;
  let cpuPercent;
  const load = await httpLoad({
    url: hooks.origin,
    requests: hooks.requests,
    connections: spec.concurrency,
    warmupMs: spec.loop.warmupMs,
    durationMs: spec.loop.durationMs,
    onWindowOpen() {
      server.open();
      self = process.cpuUsage();
    },
    onWindowClose(windowMs) {
      serverCpuPercent = server.close(windowMs);
      const used = process.cpuUsage(self);
      cpuPercent = (100 * (used.user + used.system)) / 1000 / windowMs;
    },
  });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  // What the server did vs. what came back: every 200 must be backed by one unit of work;
  // requests cut off in flight when the load stopped (at most one per connection) may have
  // done their work without an answer.
  const done = await hooks.count();
  const expected = load.answered + probe.started;
  const check = { served: done, answered: expected, cutOff: done - expected, connections: spec.concurrency };
  check.ok = check.cutOff >= 0 && check.cutOff <= spec.concurrency;
  const serverMaxRssMb = peakRssMb(hooks.pid);
  const diagnostics = hooks.diagnostics();
  await hooks.close();
  return {
    ok: true,
    completed: load.completed,
    windowMs: load.windowMs,
    throughput: load.throughput,
    latency: latencySummary(load.latencies),
    steady: true,
    budgetExceeded: false,
    errors: load.errors,
    firstError: load.firstError,
    statuses: load.statuses,
    undrained: 0,
    stuck: 0,
    check,
    // The server is what is measured: its CPU and peak RSS fill the main columns,
    // the load generator's CPU (this process) the peer column.
    cpuPercent: serverCpuPercent,
    maxRssMb: serverMaxRssMb,
    peerCpuPercent: cpuPercent,
    loadGeneratorMaxRssMb: process.resourceUsage().maxRSS / 1024,
    diagnostics: check.ok ? undefined : diagnostics,
  };
}
