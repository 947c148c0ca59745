#!/usr/bin/env node
// Micro-benchmark: ns per memoized `Lifecycle.next()` vs xstate's pure API asked directly.
// Run after `npm run build`:  node bench/lifecycle.mjs [iterations]
// "raw transition" reuses pre-resolved snapshots; "raw restore + transition" also pays
// `resolveState({ value })`, which is what each call costs when only a persisted state
// value is at hand — the runtime's situation without the memo.
import { transition } from 'xstate';
import { jobLifecycle, jobMachine } from '../dist/engine/lifecycle/index.js';

const iterations = Number(process.argv[2] ?? 2_000_000);
const pairs = [];
for (const state of jobLifecycle.states) for (const event of jobLifecycle.events) pairs.push([state, event]);
const snapshots = new Map(jobLifecycle.states.map((s) => [s, jobMachine.resolveState({ value: s, context: undefined })]));
const events = new Map(jobLifecycle.events.map((e) => [e, { type: e }]));

const cases = {
  'memoized next()': ([state, event]) => jobLifecycle.next(state, event),
  'raw transition()': ([state, event]) => transition(jobMachine, snapshots.get(state), events.get(event))[0].value,
  'raw resolveState() + transition()': ([state, event]) =>
    transition(jobMachine, jobMachine.resolveState({ value: state, context: undefined }), events.get(event))[0].value,
};

let sink = 0;
function measure(run, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const answer = run(pairs[i % pairs.length]);
    if (answer !== undefined) sink += answer.length;
  }
  return Number(process.hrtime.bigint() - start) / n;
}

console.log(`job lifecycle, ${pairs.length} (state, event) pairs cycled, ${iterations} calls per case`);
for (const [name, run] of Object.entries(cases)) {
  const n = name.startsWith('memoized') ? iterations : Math.ceil(iterations / 20);
  measure(run, n); // warm-up: JIT, and fills the memo
  const best = Math.min(...[0, 1, 2].map(() => measure(run, n)));
  console.log(`${name.padEnd(36)} ${best.toFixed(1).padStart(8)} ns/call`);
}
if (sink === 0) console.log('(sink)');
