import type { ElementInstanceRecord } from '../../models/index.js';
import type { TimerDefinition } from '../model/process-model.js';
import type { Execution } from './execution.js';
import { evaluateSource } from './mappings.js';
import { firstSchedule } from './timer-schedule.js';
import type { TimerSchedule } from './timer-schedule.js';
import { scopeLookup } from './variable-scopes.js';

/**
 * Evaluate a timer definition where the timer is armed and compute its first due
 * time. Returns a message instead when the expression fails or the text is not a
 * valid duration, date or cycle (the caller raises EXTRACT_VALUE_ERROR).
 */
export function scheduleFor(exec: Execution, timer: TimerDefinition, scopeKey: number, elementId: string): TimerSchedule | string {
  const value = evaluateSource(timer.value, scopeLookup(exec.draft, scopeKey));
  if (!value.ok) return `${elementId}: timer ${value.message}`;
  if (typeof value.value !== 'string') {
    return `${elementId}: expected the timer ${timer.kind} to be a string, got ${JSON.stringify(value.value)}`;
  }
  try {
    return firstSchedule(timer.kind, value.value, exec.now);
  } catch (error) {
    return `${elementId}: ${(error as Error).message}`;
  }
}

/** Create a durable timer row for an element instance. */
export function createTimer(
  exec: Execution,
  kind: 'catch' | 'boundary',
  ei: ElementInstanceRecord,
  elementId: string,
  schedule: TimerSchedule,
): void {
  const key = exec.draft.keys.next();
  exec.draft.putTimer({
    key,
    kind,
    instanceKey: exec.draft.instance.key,
    elementInstanceKey: ei.key,
    elementId,
    definitionKey: exec.draft.instance.definitionKey,
    dueAt: schedule.dueAt,
    cycle: schedule.cycle,
  });
  exec.draft.record('TIMER_CREATED', ei.key, elementId, { timerKey: key, dueAt: new Date(schedule.dueAt).toISOString() });
}
