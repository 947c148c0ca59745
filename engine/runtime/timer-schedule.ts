import { WeftError } from '../../core/index.js';
import type { TimerDefinition } from '../model/process-model.js';
import { addDuration, cycleState, decrementCycle, nextDue, parseCycle, parseDate, parseDuration, restoreCycle } from '../time/index.js';
import type { CycleState } from '../time/index.js';

/** When a timer fires first, and the cycle to persist when it repeats. */
export interface TimerSchedule {
  readonly dueAt: number;
  /** JSON of the cycle state with the repetitions left *including* this firing; null for one-shot timers. */
  readonly cycle: string | null;
}

/**
 * Schedule a timer from its definition's evaluated text.
 * @throws WeftError INVALID_DURATION / INVALID_DATE / INVALID_CYCLE, or TIMER_EXHAUSTED for a cycle with no firing left.
 */
export function firstSchedule(kind: TimerDefinition['kind'], text: string, now: number): TimerSchedule {
  if (kind === 'duration') return { dueAt: addDuration(now, parseDuration(text)), cycle: null };
  if (kind === 'date') return { dueAt: parseDate(text), cycle: null };
  const cycle = parseCycle(text);
  const dueAt = nextDue(cycle, now);
  if (dueAt === undefined) throw new WeftError('TIMER_EXHAUSTED', `timer cycle '${text}' has no firing left`);
  return { dueAt, cycle: JSON.stringify(cycleState(cycle)) };
}

/** After a cycle timer fired at `firedAt`: the next schedule, or undefined when the cycle is over. */
export function nextSchedule(cycleJson: string | null, firedAt: number): TimerSchedule | undefined {
  if (cycleJson === null) return undefined;
  const cycle = decrementCycle(restoreCycle(JSON.parse(cycleJson) as CycleState));
  const dueAt = nextDue(cycle, firedAt);
  return dueAt === undefined ? undefined : { dueAt, cycle: JSON.stringify(cycleState(cycle)) };
}
