import { WeftError } from '../../../core/index.js';
import type { JsonObject } from '../../../core/index.js';
import type { TimerRecord } from '../../../models/index.js';
import { jobLifecycle } from '../../lifecycle/index.js';
import type { JobState } from '../../lifecycle/index.js';
import type { BoundaryEvent } from '../../model/process-model.js';
import type { Execution } from '../execution.js';
import { closeIncident, resumeAfterIncident } from '../incidents.js';
import { terminate } from '../termination.js';
import { nextSchedule } from '../timer-schedule.js';
import { propagateVariables, setLocalVariables } from '../variable-scopes.js';

/** Start the instance at a start event with its initial variables. */
export function startInstance(exec: Execution, startEventId: string, variables: JsonObject): void {
  setLocalVariables(exec.draft, exec.draft.instance.key, variables);
  exec.draft.record('PROCESS_INSTANCE_CREATED', null, exec.model.bpmnProcessId, { startEventId, version: exec.draft.instance.version });
  exec.enter(startEventId, exec.draft.instance.key);
}

/** A timer of this instance is due: complete the catch event, or trigger the boundary event. */
export function fireTimer(exec: Execution, timer: TimerRecord): void {
  if (!exec.draft.timers.has(timer.key)) return; // already fired or cancelled
  exec.draft.deleteTimer(timer.key);
  const ei = timer.elementInstanceKey === null ? undefined : exec.draft.elements.get(timer.elementInstanceKey);
  if (!ei) return;
  exec.draft.record('TIMER_TRIGGERED', ei.key, timer.elementId, { timerKey: timer.key, dueAt: new Date(timer.dueAt).toISOString() });
  if (timer.kind === 'catch') {
    if (ei.state === 'activated') exec.complete(ei);
    return;
  }
  const boundary = exec.node(timer.elementId) as BoundaryEvent;
  if (boundary.interrupting) {
    terminate(exec, ei);
  } else {
    const next = nextSchedule(timer.cycle, timer.dueAt);
    if (next) exec.draft.putTimer({ ...timer, key: exec.draft.keys.next(), dueAt: next.dueAt, cycle: next.cycle });
  }
  exec.enter(boundary.id, ei.flowScopeKey);
}

/** Resolve an incident: the element continues where it stopped (a job gets retries again). */
export function resolveIncident(exec: Execution, incidentKey: number, retries?: number): void {
  const incident = exec.draft.incidents.get(incidentKey);
  if (!incident) throw new WeftError('INCIDENT_NOT_FOUND', `incident ${incidentKey} does not exist or is already resolved`);
  const ei = exec.draft.elements.get(incident.elementInstanceKey);
  closeIncident(exec, incident, 'RESOLVED');
  if (!ei) return;
  if (incident.jobKey !== null) {
    const job = exec.draft.jobs.get(incident.jobKey);
    if (job && !jobLifecycle.isFinal(job.state as JobState)) {
      job.retries = retries ?? Math.max(job.retries, 1);
      job.state = jobLifecycle.apply(job.state as JobState, 'UPDATE_RETRIES', `job ${job.key}`);
      job.worker = null;
      job.deadline = null;
      exec.draft.putJob(job);
      exec.draft.record('JOB_RETRIES_UPDATED', ei.key, ei.elementId, { jobKey: job.key, retries: job.retries });
    }
  }
  resumeAfterIncident(exec, ei);
  if (incident.type === 'STEP_LIMIT_EXCEEDED') exec.resumeParked();
}

/** Set variables on the instance (root scope) or on one element instance's scope. */
export function setVariables(exec: Execution, scopeKey: number, variables: JsonObject, local: boolean): void {
  const isRoot = scopeKey === exec.draft.instance.key;
  if (!isRoot && !exec.draft.elements.has(scopeKey)) {
    throw new WeftError('SCOPE_NOT_FOUND', `element instance ${scopeKey} is not an active scope of process instance ${exec.draft.instance.key}`);
  }
  if (local || isRoot) setLocalVariables(exec.draft, scopeKey, variables);
  else propagateVariables(exec.draft, scopeKey, variables);
  exec.draft.record('VARIABLES_UPDATED', isRoot ? null : scopeKey, null, { scopeKey, names: Object.keys(variables) });
}

/** A message was correlated to one of this instance's subscriptions. */
export function correlateToSubscription(exec: Execution, subscriptionKey: number, variables: JsonObject): boolean {
  const subscription = exec.draft.subscriptions.get(subscriptionKey);
  if (!subscription) return false;
  const ei = exec.draft.elements.get(subscription.elementInstanceKey);
  if (!ei) return false;
  exec.draft.record('MESSAGE_CORRELATED', ei.key, subscription.elementId, {
    messageName: subscription.messageName,
    correlationKey: subscription.correlationKey,
  });
  if (subscription.elementId === ei.elementId) {
    // The element itself waits for the message (catch event, receive task).
    exec.draft.deleteSubscription(subscription.key);
    exec.mergeResult(ei, variables);
    exec.complete(ei);
    return true;
  }
  // A message boundary event of the activity.
  if (subscription.interrupting) terminate(exec, ei);
  exec.enter(subscription.elementId, ei.flowScopeKey, undefined, variables);
  return true;
}
export { cancelInstance } from '../termination.js';
