// Command-line options of bench/run.mjs.

export const usage = `npm run bench -- [options]      (or: node --no-node-snapshot bench/run.mjs [options])

  --quick               shorter warm-up and window (0.3 s + 1 s) — a smoke run, not for the record
  --scenario a,b        only these scenarios (id or name: a=start-end, b=service-task, c=gateways-scripts,
                        d=rest-connector, e=webhook-start)
  --suite weft-fsync    only these suites (weft-fsync, weft-inline, weft-os, bpmn-engine, connector-weft,
                        connector-undici, webhook-weft, webhook-fastify) or groups (connectors =
                        connector-weft + connector-undici, webhooks = webhook-weft + webhook-fastify)
  --concurrency 1,100   only these concurrencies (default 1,10,100,1000; the groups: 10,100)
  --duration MS         measurement window (default 3000)
  --warmup MS           minimum warm-up (default 500; scenarios d and e: 2000); the closed loop
                        also waits for one turnover of the in-flight instances, up to
                        --max-warmup MS (default 3000)
  --min-count N         keep the window open until N instances completed (up to 2× --duration)
  --repeat N            run each case N times, report the median run (default 1)
  --max-concurrent-jobs N   Weft EngineOptions.maxConcurrentJobs (default: the engine's, 64); not for
                        connector-weft (openEmbeddedEngine takes no EngineOptions)
  --profile             write a V8 CPU profile per case to bench/profiles/ and print its hot spots
                        (webhook-weft: of the \`weft serve\` process, not of the load generator)
  --write / --no-write  write bench/RESULTS.md (default: only for a full, unfiltered run)
  --json FILE           also write the raw results as JSON
  --help`;

/** Parse argv into options; throws on an unknown option. */
export function parseArgs(argv) {
  const options = {
    quick: false,
    scenarios: undefined,
    suites: undefined,
    concurrencies: undefined,
    durationMs: undefined,
    warmupMs: undefined,
    maxWarmupMs: undefined,
    minCount: 0,
    repeat: 1,
    maxConcurrentJobs: undefined,
    profile: false,
    write: undefined,
    json: undefined,
    help: false,
  };
  const list = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);
  const number = (value, flag) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number, got '${value}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--quick': options.quick = true; break;
      case '--scenario': case '--scenarios': options.scenarios = list(value()); break;
      case '--suite': case '--suites': options.suites = list(value()); break;
      case '--concurrency': case '-c': options.concurrencies = list(value()).map((v) => number(v, flag)); break;
      case '--duration': options.durationMs = number(value(), flag); break;
      case '--warmup': options.warmupMs = number(value(), flag); break;
      case '--max-warmup': options.maxWarmupMs = number(value(), flag); break;
      case '--min-count': options.minCount = number(value(), flag); break;
      case '--repeat': options.repeat = Math.max(1, Math.floor(number(value(), flag))); break;
      case '--max-concurrent-jobs': options.maxConcurrentJobs = number(value(), flag); break;
      case '--profile': options.profile = true; break;
      case '--write': options.write = true; break;
      case '--no-write': options.write = false; break;
      case '--json': options.json = value(); break;
      case '--help': case '-h': options.help = true; break;
      default: throw new Error(`unknown option '${arg}'\n\n${usage}`);
    }
  }
  return options;
}
