import { durationMs } from '../time/index.js';

/** The task headers Camunda's connector runtime reads as ISO 8601 durations. */
export type DurationHeader = 'retryBackoff' | 'jobTimeout';

/**
 * A duration header's value in ms, or undefined when it cannot be used: not an ISO 8601
 * duration, negative, or — for `jobTimeout`, a lease length — zero. Shared by the deploy
 * check (a warning) and the connector bridge (an incident before any call).
 */
export function durationHeaderMs(name: DurationHeader, text: string): number | undefined {
  const ms = durationMs(text);
  return ms === undefined || ms < 0 || (ms === 0 && name === 'jobTimeout') ? undefined : ms;
}
