// One benchmark case in its own process: set the target up on a fresh database, check
// the scenario's logic, run the closed loop, report one JSON message to the parent.
// argv[2]: JSON { suite, target, options, scenario, concurrency, loop }
import { findScenario } from '../scenarios/index.mjs';
import { closedLoop } from './closed-loop.mjs';
import { checkProbe } from './probe-check.mjs';
import { latencySummary } from './stats.mjs';

const spec = JSON.parse(process.argv[2]);
const send = (message) => new Promise((resolve) => (process.send ? process.send(message, resolve) : (console.log(JSON.stringify(message)), resolve())));

let hooks;
try {
  const scenario = findScenario(spec.scenario);
  const target = await import(`./targets/${spec.target}.mjs`);
  const part = scenario[target.name];
  if (!part) throw new Error(`scenario ${scenario.id} has no '${target.name}' part`);
  hooks = await target.setup({ ...part, variables: scenario.variables }, spec.options);

  if (scenario.expected) {
    for (const i of scenario.probes ?? [0]) checkProbe(await hooks.probe(i), scenario.expected(i), `${scenario.name} #${i} on ${target.name}`);
  }

  const cpuAtStart = process.cpuUsage();
  const eluAtStart = performance.eventLoopUtilization();
  let cpuAtOpen;
  let cpuUsed;
  let eluAtOpen;
  let elu;
  const loop = await closedLoop({
    startOne: hooks.startOne,
    concurrency: spec.concurrency,
    ...spec.loop,
    onWindowOpen(fromStart) {
      cpuAtOpen = fromStart ? cpuAtStart : process.cpuUsage();
      eluAtOpen = fromStart ? eluAtStart : performance.eventLoopUtilization();
    },
    onWindowClose() {
      cpuUsed = process.cpuUsage(cpuAtOpen);
      elu = performance.eventLoopUtilization(eluAtOpen);
    },
  });
  const diagnostics = hooks.diagnostics();
  await Promise.race([hooks.close(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
  await send({
    ok: true,
    completed: loop.completed,
    windowMs: loop.windowMs,
    throughput: loop.throughput,
    latency: latencySummary(loop.latencies),
    steady: loop.steady,
    budgetExceeded: loop.budgetExceeded,
    errors: loop.errors,
    firstError: loop.firstError,
    undrained: loop.undrained,
    stuck: loop.stuck,
    cpuPercent: (100 * cpuMs) / loop.windowMs,
    eventLoopUtilization: elu.utilization,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    diagnostics,
  });
  process.exit(0);
} catch (error) {
  await send({
    ok: false,
    error: error instanceof Error ? error.message : String(error),
    inFlight: error?.inFlight,
    finished: error?.finished,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    diagnostics: hooks?.diagnostics?.(),
  });
  process.exit(1);
}
