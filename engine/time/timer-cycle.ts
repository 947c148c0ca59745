import { WeftError } from '../../core/index.js';
import { cronProblem, nextCronTime } from './cron-schedule.js';
import { parseDate } from './date.js';
import { addDuration, addScaled, parseDuration } from './duration.js';
import type { TimerDuration } from './duration.js';

/**
 * A repeating timer: an ISO 8601 repeating interval (`R5/PT10S`, `R/PT1H`,
 * `R3/2026-01-01T00:00:00Z/PT1H`) or a cron expression (`0 0 9 * * MON-FRI`).
 *
 * `remaining` is how many more times it fires (null: without end). The runtime persists
 * only {@link CycleState} — `{spec, remaining}` — and rebuilds the cycle with
 * {@link restoreCycle}; after each firing it stores {@link decrementCycle}'s result.
 */
export type TimerCycle = RepeatingIntervalCycle | CronCycle;

/** `R[n]/[start/]duration`. Fires at start, start + interval, …; without a start, one interval after each `from`. */
export interface RepeatingIntervalCycle {
  readonly kind: 'repeatingInterval';
  readonly spec: string;
  readonly remaining: number | null;
  readonly interval: TimerDuration;
  /** Epoch ms of the first firing, when the cycle names one. */
  readonly startMs?: number;
}

/** A cron schedule, evaluated in UTC; never ends on its own. */
export interface CronCycle {
  readonly kind: 'cron';
  readonly spec: string;
  readonly remaining: null;
}

/** The small JSON the runtime stores for a running cycle. */
export interface CycleState {
  readonly spec: string;
  readonly remaining: number | null;
}

const REPEAT = /^R(\d*)\/(.+)$/i;

/**
 * Parse a timer cycle.
 * @throws WeftError INVALID_CYCLE naming the text.
 */
export function parseCycle(text: string): TimerCycle {
  const spec = text.trim();
  const repeat = REPEAT.exec(spec);
  if (!repeat) {
    const problem = cronProblem(spec);
    if (problem !== undefined) {
      throw invalidCycle(text, `expected R[n]/[start/]duration or a cron expression: ${problem}`);
    }
    return { kind: 'cron', spec, remaining: null };
  }
  const [, count = '', rest = ''] = repeat;
  const remaining = count === '' ? null : Number(count);
  if (remaining !== null && !Number.isSafeInteger(remaining)) throw invalidCycle(text, 'the repetition count is too large');
  // The duration never holds a slash; the start may (a zone id such as `[Europe/Berlin]`).
  const slash = rest.lastIndexOf('/');
  const durationText = rest.slice(slash + 1);
  const startText = slash === -1 ? undefined : rest.slice(0, slash);
  try {
    const interval = parseDuration(durationText);
    if (addDuration(0, interval) <= 0) throw invalidCycle(text, 'the interval must be longer than zero');
    if (startText === undefined) return { kind: 'repeatingInterval', spec, remaining, interval };
    return { kind: 'repeatingInterval', spec, remaining, interval, startMs: parseDate(startText) };
  } catch (error) {
    if (error instanceof WeftError && error.code !== 'INVALID_CYCLE') throw invalidCycle(text, error.message);
    throw error;
  }
}

/**
 * When the cycle fires next, strictly after `fromMs` (epoch ms): the activation time for the
 * first firing, the previous due time after that. Undefined when no firing remains.
 * A cycle with a start keeps to its grid (start + k × interval, in UTC); grid points that
 * passed before activation are skipped, not counted against the repetitions.
 */
export function nextDue(cycle: TimerCycle, fromMs: number): number | undefined {
  if (cycle.remaining === 0) return undefined;
  if (cycle.kind === 'cron') return nextCronTime(cycle.spec, fromMs);
  const { startMs, interval } = cycle;
  if (startMs === undefined) return finite(addDuration(fromMs, interval));
  if (startMs > fromMs) return startMs;
  // Occurrence k is start + k×interval, computed in one step (no calendar drift); estimate
  // k from the average length, then correct by the few steps months and leap years cost.
  const approx = addDuration(0, interval);
  let k = Math.max(1, Math.floor((fromMs - startMs) / approx));
  while (k > 1 && addScaled(startMs, interval, k - 1) > fromMs) k -= 1;
  while (addScaled(startMs, interval, k) <= fromMs) k += 1;
  return finite(addScaled(startMs, interval, k));
}

/** The cycle after one firing: one repetition fewer (an endless cycle stays endless). */
export function decrementCycle<C extends TimerCycle>(cycle: C): C {
  if (cycle.remaining === null || cycle.remaining === 0) return cycle;
  return { ...cycle, remaining: cycle.remaining - 1 };
}

/** What to persist for a running cycle. */
export function cycleState(cycle: TimerCycle): CycleState {
  return { spec: cycle.spec, remaining: cycle.remaining };
}

/**
 * Rebuild a cycle from its persisted state.
 * @throws WeftError INVALID_CYCLE when the spec no longer parses or `remaining` is not a count.
 */
export function restoreCycle(state: CycleState): TimerCycle {
  const cycle = parseCycle(state.spec);
  const { remaining } = state;
  if (remaining !== null && !(Number.isSafeInteger(remaining) && remaining >= 0)) {
    throw invalidCycle(state.spec, `invalid remaining repetitions '${String(remaining)}'`);
  }
  if (cycle.kind === 'cron') return cycle;
  return { ...cycle, remaining };
}

function finite(ms: number): number | undefined {
  return Number.isFinite(ms) ? ms : undefined;
}

function invalidCycle(text: string, reason: string): WeftError {
  return new WeftError('INVALID_CYCLE', `Invalid cycle '${text}': ${reason}`, { details: { text } });
}
