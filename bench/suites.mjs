// What `npm run bench` measures: each suite runs its scenarios on one target with one
// configuration, at every concurrency. Each (suite, scenario, concurrency) runs in its own
// child process on a fresh database, so peak RSS and JIT state are per case.
//
// Suite fields: id, target (bench/lib/targets/<target>.mjs), title, options (passed to the
// target's setup), scenarios (ids), budgetMs (wall time for warm-up + window of one case;
// default 30 s), skip (cases left out of the default run — asking for the concurrency
// explicitly runs them anyway).

export const concurrencies = [1, 10, 100, 1000];

export const suites = [
  {
    id: 'weft-fsync',
    target: 'weft',
    title: "Weft, durable — SQLite WAL, `durability: 'fsync'` (the default): a command is acknowledged only after its commit is fsynced to disk",
    options: { durability: 'fsync' },
    scenarios: ['a', 'b', 'c'],
    note:
      'Default EngineOptions: maxConcurrentJobs 64, so the in-process pool takes a job at creation only while fewer than 256 jobs are queued or running; past that (c=1000 in (b)) a job is created unleased and leased by a separate command.',
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
];
