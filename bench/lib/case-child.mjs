// One benchmark case in its own process: set the target up on a fresh database, check
// the scenario's logic, run the closed loop, report one JSON message to the parent.
// Scenarios with an `upstream` get that server started first, in a child process of this
// one (lib/servers/), and their target part is built from its address; scenarios with
// `driver: 'http-load'` are measured from outside with autocannon (lib/http-load-case.mjs).
// argv[2]: JSON { suite, target, options, scenario, concurrency, loop, tls? }
import { findScenario } from '../scenarios/index.mjs';
import { closedLoop } from './closed-loop.mjs';
import { runHttpLoadCase } from './http-load-case.mjs';
import { checkProbe } from './probe-check.mjs';
import { cpuMeter } from './process-stats.mjs';
import { startServerProcess } from './server-process.mjs';
import { latencySummary } from './stats.mjs';

const spec = JSON.parse(process.argv[2]);
const send = (message) => new Promise((resolve) => (process.send ? process.send(message, resolve) : (console.log(JSON.stringify(message)), resolve())));
/** Tell run.mjs about a server process this case started, so it can end it if this process is killed. */
const announce = (pid) => process.send?.({ type: 'server', pid });

let hooks;
let upstream;
try {
  const scenario = findScenario(spec.scenario);
  const target = await import(`./targets/${spec.target}.mjs`);
  let part = scenario[target.name];
  if (!part) throw new Error(`scenario ${scenario.id} has no '${target.name}' part`);
  if (scenario.upstream) {
    if (!spec.tls) throw new Error(`scenario ${scenario.id} needs the test CA (run.mjs makes it)`);
    upstream = await startServerProcess(scenario.upstream, { certPath: spec.tls.certPath, keyPath: spec.tls.keyPath, ...scenario.upstreamArgs });
    announce(upstream.pid);
    part = part({ origin: `https://localhost:${upstream.port}`, hostPort: `localhost:${upstream.port}` });
  }
  const result =
    scenario.driver === 'http-load'
      ? await runHttpLoadCase({ spec, scenario, target, part, setHooks: (h) => announce((hooks = h).pid) })
      : await runClosedLoopCase(scenario, target, part);
  await upstream?.close();
  await send(result);
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
  await hooks?.close?.().catch(() => undefined);
  await upstream?.close();
  if (process.send) await send({ type: 'servers-closed' });
  process.exit(1);
}

async function runClosedLoopCase(scenario, target, part) {
  hooks = await target.setup({ ...part, variables: scenario.variables }, spec.options);

  const probes = scenario.probes ?? [0];
  if (scenario.expected) {
    for (const i of probes) checkProbe(await hooks.probe(i), scenario.expected(i), `${scenario.name} #${i} on ${target.name}`);
  }

  const cpuAtStart = process.cpuUsage();
  const eluAtStart = performance.eventLoopUtilization();
  let cpuAtOpen;
  let cpuUsed;
  let eluAtOpen;
  let elu;
  const peer = upstream && cpuMeter(upstream.pid);
  let peerCpuPercent;
  let windowOpenedAt;
  const loop = await closedLoop({
    startOne: hooks.startOne,
    concurrency: spec.concurrency,
    ...spec.loop,
    onWindowOpen(fromStart) {
      cpuAtOpen = fromStart ? cpuAtStart : process.cpuUsage();
      eluAtOpen = fromStart ? eluAtStart : performance.eventLoopUtilization();
      peer?.open();
      windowOpenedAt = performance.now();
    },
    onWindowClose() {
      cpuUsed = process.cpuUsage(cpuAtOpen);
      elu = performance.eventLoopUtilization(eluAtOpen);
      peerCpuPercent = peer?.close(performance.now() - windowOpenedAt);
    },
  });
  const diagnostics = hooks.diagnostics();
  await Promise.race([hooks.close(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
  // One upstream request per operation, no retries: the server must have seen exactly
  // as many as were started (probes included) once the loop drained.
  let check;
  if (upstream) {
    const { requests: served, connections } = await upstream.stats();
    const started = loop.started + (scenario.expected ? probes.length : 0);
    check = { served, answered: started, cutOff: served - started, connections: 0, ok: served === started || loop.undrained > 0, upstreamConnections: connections };
  }
  return {
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
    peerCpuPercent,
    check,
    diagnostics,
  };
}
