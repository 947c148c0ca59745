#!/usr/bin/env node
// FEEL micro-benchmark: nanoseconds per evaluation, median of several rounds.
//
// Runs against the SOURCE of engine/feel plus its generated files: it first builds
// engine/feel/generated/ (scripts/build-feel.mjs), then bundles engine/feel/index.ts with
// esbuild into a temporary ES module (node_modules/.cache/weft-feel-bench/) and imports that, so no tsc build of the whole
// project is needed. isolated-vm stays external (native addon).
//
//   node --no-node-snapshot bench/feel.mjs            (the flag is needed for the sandbox case)
//
// Cases: the in-process fast path (`a + b`), a condition with a 1,000-item variable
// elsewhere in scope (only `order` is fetched), and a guarded `for` expression that runs in
// the isolated-vm sandbox. feelin's own evaluate() (parse + deep copy of the whole context
// on every call) is measured alongside as the baseline.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { evaluate as feelinEvaluate } from 'feelin';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts/build-feel.mjs')], { stdio: 'inherit' });
// inside the project, so the bundle resolves isolated-vm from its node_modules
const dir = join(root, 'node_modules/.cache/weft-feel-bench');
mkdirSync(dir, { recursive: true });
const bundle = join(dir, 'feel.mjs');
await build({
  entryPoints: [join(root, 'engine/feel/index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  external: ['isolated-vm'],
  outfile: bundle,
  logLevel: 'warning',
});
const { compileFeel, disposeFeelSandbox } = await import(pathToFileURL(bundle).href);

const ROUNDS = 15;

/** Median ns per call of fn over ROUNDS rounds of `iterations` calls (after a warm-up round). */
function measure(fn, iterations) {
  for (let i = 0; i < iterations; i++) fn();
  const samples = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function expectOk(result) {
  if (!result.ok) throw new Error(result.message);
  return result;
}

const items = Array.from({ length: 1000 }, (_, i) => ({ id: i, sku: `SKU-${i}`, price: i % 97, tags: ['a', 'b'] }));
const variables = new Map(Object.entries({ a: 1, b: 2, order: { total: 150, currency: 'EUR' }, items, xs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }));
const lookup = (name) => variables.get(name);
const everything = Object.fromEntries(variables);

const cases = [
  { label: 'a + b (fast path)', source: 'a + b', iterations: 200_000 },
  { label: 'order.total > 100, 1,000-item variable in scope', source: 'order.total > 100', iterations: 200_000 },
  { label: 'for x in xs return x * 2 (guarded, sandbox)', source: 'for x in xs return x * 2', iterations: 5_000 },
];

const rows = [];
try {
  // feelin.evaluate copies the 1,000 items on every call (milliseconds): few iterations suffice
  for (const { label, source, iterations, baseline = 100 } of cases) {
    const expression = compileFeel(source);
    expectOk(expression.evaluate(lookup));
    const weft = measure(() => expression.evaluate(lookup), iterations);
    const feelin = measure(() => feelinEvaluate(source, everything), baseline);
    rows.push({ case: label, guarded: expression.guarded, 'weft ns/eval': Math.round(weft), 'feelin evaluate() ns/eval': Math.round(feelin) });
  }
} finally {
  disposeFeelSandbox();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`node ${process.version}, median of ${ROUNDS} rounds`);
console.table(rows);
