// What `npm run bench` measures: each suite runs its scenarios on one target with one
// configuration, at every concurrency. Each (suite, scenario, concurrency) runs in its own
// child process on a fresh database, so peak RSS and JIT state are per case.
//
// Suite fields: id, target (bench/lib/targets/<target>.mjs), title, options (passed to the
// target's setup), scenarios (ids), budgetMs (wall time for warm-up + window of one case;
// default 30 s), skip (cases left out of the default run — asking for the concurrency
// explicitly runs them anyway), concurrencies (instead of the default list), rate (the
// throughput unit, default PI/s), peer (label of an extra CPU column: the case's other
// process), group (see `groups`), profileServer (--profile profiles the server the target
// starts, not the case child).
//
// A group runs its suites' cases interleaved — for each concurrency, one run of each suite
// in turn — so a subject and its baseline are measured side by side under the same machine
// load; `--suite <group id>` selects all of them.

export const concurrencies = [1, 10, 100, 1000];

export const groups = [
  {
    id: 'connectors',
    title: 'Issue #3 — REST connector: Weft beside raw undici, same HTTPS server program, same run',
    subject: 'connector-weft',
    baseline: 'connector-undici',
    subjectName: 'Weft',
    baselineName: 'undici',
    subjectLabel: 'Weft PI/s',
    baselineLabel: 'undici req/s',
    goal: { issue: 3, ratio: 0.5, scenario: 'd', text: 'Weft completed PI/s ≥ 50 % of raw undici requests/s against the same server' },
    note:
      'Each case starts its own HTTPS server (lib/servers/https-json.mjs: node:https, keep-alive, TLS with a test CA made by openssl at the start of the run) in a **separate child process**, so the server never shares an event loop with the engine or with the undici client; both targets get the same server program, certificate, request and concurrency. Weft trusts the CA through `NODE_EXTRA_CA_CERTS` (set in the case child\'s environment) and reaches the local server through `WEFT_EGRESS_ALLOW=localhost:<port>`; every other egress check still runs (HTTPS, DNS lookup + address check per new connection). The two share the machine\'s 2 cores: the engine, its fsync thread and the server all compete, which is the honest setting for "what does a REST call cost in Weft". "HTTPS server CPU %" is that process\'s CPU during the window (100 = one core).',
  },
  {
    id: 'webhooks',
    title: 'Issue #4 — webhook-triggered starts: `weft serve` beside a bare Fastify hello-world, same load, same run',
    subject: 'webhook-weft',
    baseline: 'webhook-fastify',
    subjectName: 'Weft',
    baselineName: 'Fastify',
    subjectLabel: 'Weft starts/s (200s)',
    baselineLabel: 'Fastify hello-world req/s',
    goal: { issue: 4, rate: 2000, text: '≥ 2,000 webhook-triggered process starts/s with HMAC' },
    note:
      'Each case starts the server under test as a **separate child process** — the real `node --no-node-snapshot bin/weft serve` on a fresh `WEFT_DATA_DIR` (durable SQLite, default settings, its JSON log at the default level `info` written to a file), or the Fastify hello-world — and loads it with autocannon from the case process (a second process): N keep-alive connections, pipelining 1, each connection cycling through 64 distinct signed bodies. Only 200 answers inside the window count; latency is autocannon\'s per-request time of those answers. After the load, the instances of the process are counted through `GET /workspaces/default/process-instances` (Fastify: its request counter) and must equal the 200 answers plus at most one request per connection cut off in flight when the load stopped. "CPU %" and "peak RSS" are the server\'s; "autocannon CPU %" is the load generator\'s.',
  },
];

export const suites = [
  {
    id: 'weft-fsync',
    target: 'weft',
    title: "Weft, durable — SQLite WAL, `durability: 'fsync'` (the default): a command is acknowledged only after its commit is fsynced to disk",
    options: { durability: 'fsync' },
    scenarios: ['a', 'b', 'c'],
    note:
      'Store defaults: every write on the store\'s commit thread (a worker thread with its own SQLite connection that also fsyncs the WAL; since commit 9cc93b0). Default EngineOptions: maxConcurrentJobs 64 (since b77b23d a slot frees when the handler returns, not when its outcome is durable); the in-process pool takes a job at creation while fewer than 16 × 64 = 1,024 jobs of its type are queued or running (256 before commit e15bf27; per type since 2026-12-06), so every case here, c=1000 included, leases at creation.',
  },
  {
    id: 'weft-inline',
    target: 'weft',
    title: "Weft, durable as weft-fsync, with the store's writes on the engine's own thread (`commits: 'inline'`) instead of the commit thread",
    options: { durability: 'fsync', commits: 'inline' },
    scenarios: ['b'],
    note: "Same engine options as weft-fsync; only where SQLite runs differs (weft-fsync: the default, a commit thread with its own connection for transactions, WAL fsync, checkpoints).",
  },
  {
    id: 'weft-os',
    target: 'weft',
    title: "Weft, `durability: 'os'` (SQLite WAL, synchronous=NORMAL, no fsync per commit) — NOT power-loss durable: a process crash loses nothing, an OS crash or power cut may lose the last commits",
    options: { durability: 'os' },
    scenarios: ['b'],
    note: 'Same engine options as weft-fsync.',
  },
  {
    id: 'bpmn-engine',
    target: 'bpmn-engine',
    title: 'bpmn-engine 25 (npm), reference — in memory, nothing persisted',
    options: {},
    scenarios: ['a', 'b', 'c'],
    note:
      "One `Engine` per instance; the XML is parsed once and passed as `moddleContext`; otherwise the package's defaults (debug logger; each script and script condition runs in a new `vm` context). (b): `<serviceTask implementation=\"${environment.services.noop}\">`, the service calls back at once. (c): conditions and scripts in JavaScript — equivalent logic, checked against the same expected variables, but not the same language as Weft's FEEL.",
    // Single-threaded and CPU-bound: at c=1000 every instance finishes in one wave after
    // 10–20 s, so no steady state fits in a short run; the budget caps that wait.
    budgetMs: 20_000,
    skip: [
      {
        scenario: 'c',
        concurrency: 1000,
        reason: 'takes ~35 s for ~1 completion (when tried: 1 instance in 33 s, peak RSS 2 GB: 6–7 fresh vm contexts per instance × 1,000 in flight); run it with --suite bpmn-engine --scenario c --concurrency 1000',
      },
    ],
  },
  {
    id: 'connector-weft',
    group: 'connectors',
    target: 'weft',
    title: "Weft, durable (`durability: 'fsync'`), composed by `openEmbeddedEngine` as `weft serve` does (connector runtime registered, default EngineOptions)",
    options: { durability: 'fsync', embedded: true },
    scenarios: ['d', 'f'],
    concurrencies: [10, 100],
    peer: 'HTTPS server CPU %',
    note: 'Default EngineOptions: at most 64 jobs of one type run at once (maxConcurrentJobs), so at c=100 at most 64 HTTPS requests are in flight. Latency: create → completed instance.',
  },
  {
    id: 'connector-undici',
    group: 'connectors',
    target: 'undici',
    title: 'Raw undici 7 — one keep-alive `Agent`, the same GET to the same server program, body parsed as JSON and mapped; nothing persisted',
    options: {},
    scenarios: ['d', 'f'],
    concurrencies: [10, 100],
    rate: 'req/s',
    peer: 'HTTPS server CPU %',
    note: 'Latency: request sent → body parsed.',
  },
  {
    id: 'webhook-weft',
    group: 'webhooks',
    target: 'weft-serve',
    title: '`weft serve` (bin/weft, built dist/), durable SQLite, HMAC-checked webhook start',
    options: {},
    scenarios: ['e'],
    concurrencies: [10, 100],
    rate: 'starts/s',
    peer: 'autocannon CPU %',
    profileServer: true,
    budgetMs: 20_000,
  },
  {
    id: 'webhook-fastify',
    group: 'webhooks',
    target: 'fastify',
    title: 'Fastify 5 hello-world (defaults, no logger), the same requests',
    options: {},
    scenarios: ['e'],
    concurrencies: [10, 100],
    rate: 'req/s',
    peer: 'autocannon CPU %',
    budgetMs: 20_000,
  },
];
