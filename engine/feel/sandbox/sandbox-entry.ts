import { buildFeelProgram, describeFeelError } from '../feel-program.js';
import type { FeelProgram, FeelRunOutcome } from '../feel-program.js';

// Runs inside the sandbox isolate only: scripts/build-feel.mjs bundles this file with feelin
// into FEEL_SANDBOX_SOURCE. Strings cross the boundary both ways (JSON in, JSON out), so the
// isolate never holds a reference to anything of the host.

/** Programs built in this isolate, by source text; bounded, oldest dropped first. */
const programs = new Map<string, FeelProgram>();
const MAX_PROGRAMS = 256;

function programFor(source: string): FeelProgram {
  let program = programs.get(source);
  if (program === undefined) {
    program = buildFeelProgram(source);
    if (programs.size >= MAX_PROGRAMS) programs.delete(programs.keys().next().value as string);
    programs.set(source, program);
  }
  return program;
}

function evaluate(source: string, contextJson: string): string {
  let outcome: FeelRunOutcome;
  try {
    outcome = programFor(source).run(JSON.parse(contextJson) as Record<string, unknown>);
  } catch (error) {
    outcome = { ok: false, message: describeFeelError(error) };
  }
  try {
    return JSON.stringify(outcome);
  } catch (error) {
    // e.g. a result too large to serialise within the isolate's limits
    return JSON.stringify({ ok: false, message: describeFeelError(error) });
  }
}

(globalThis as { __weftFeelEvaluate?: typeof evaluate }).__weftFeelEvaluate = evaluate;
