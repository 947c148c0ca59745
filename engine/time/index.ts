/**
 * Time as timers need it: ISO 8601 durations, dates and repeating intervals, and cron.
 * Pure functions — callers pass the instant to count from, nothing reads the clock.
 */
export { parseDuration, addDuration, durationMs } from './duration.js';
export type { TimerDuration } from './duration.js';
export { parseDate } from './date.js';
export { parseCycle, nextDue, decrementCycle, cycleState, restoreCycle } from './timer-cycle.js';
export type { TimerCycle, RepeatingIntervalCycle, CronCycle, CycleState } from './timer-cycle.js';
