import type { ElementInstanceRecord } from '../../models/index.js';
import type { BoundaryEvent, FlowNode } from '../model/process-model.js';
import type { Execution } from './execution.js';
import { raiseIncident } from './incidents.js';
import { subscribe } from './message-subscriptions.js';
import { createTimer, scheduleFor } from './timer-text.js';

/**
 * Arm the timer and message boundary events of an activity as it activates. Error
 * boundary events need nothing armed: errors are matched when thrown. Returns false
 * when arming failed (an incident was raised; nothing stays armed).
 */
export function armBoundaryEvents(exec: Execution, ei: ElementInstanceRecord, node: FlowNode): boolean {
  for (const boundaryId of node.boundaryIds) {
    const boundary = exec.node(boundaryId) as BoundaryEvent;
    const trigger = boundary.trigger;
    if (trigger.kind === 'timer') {
      const schedule = scheduleFor(exec, trigger.timer, ei.key, boundaryId);
      if (typeof schedule === 'string') {
        disarm(exec, ei);
        raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', schedule, 'activate');
        return false;
      }
      createTimer(exec, 'boundary', ei, boundaryId, schedule);
    } else if (trigger.kind === 'message') {
      const failure = subscribe(exec, ei, boundary, trigger.message, boundary.interrupting);
      if (failure !== undefined) {
        disarm(exec, ei);
        raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', failure, 'activate');
        return false;
      }
    }
  }
  return true;
}

/** Remove every timer and message subscription that belongs to an element instance. */
export function disarm(exec: Execution, ei: ElementInstanceRecord): void {
  const { draft } = exec;
  for (const timer of [...draft.timers.values()]) {
    if (timer.elementInstanceKey === ei.key) draft.deleteTimer(timer.key);
  }
  for (const subscription of [...draft.subscriptions.values()]) {
    if (subscription.elementInstanceKey === ei.key) draft.deleteSubscription(subscription.key);
  }
}
