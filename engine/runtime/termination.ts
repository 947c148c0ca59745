import type { ElementInstanceRecord } from '../../models/index.js';
import { jobLifecycle } from '../lifecycle/index.js';
import type { JobState } from '../lifecycle/index.js';
import { disarm } from './boundary-events.js';
import type { Execution } from './execution.js';
import { closeIncident } from './incidents.js';
import { joinScopeData } from './joins.js';

/**
 * Terminate an element instance and everything inside it: children first, then its
 * jobs (cancelled), timers and subscriptions (removed) and incidents (closed).
 */
export function terminate(exec: Execution, ei: ElementInstanceRecord): void {
  if (ei.state === 'terminating' || ei.state === 'terminated' || ei.state === 'completed') return;
  exec.transition(ei, 'TERMINATE');
  terminateChildren(exec, ei.key);
  const { draft } = exec;
  for (const job of [...draft.jobs.values()]) {
    if (job.elementInstanceKey !== ei.key || jobLifecycle.isFinal(job.state as JobState)) continue;
    job.state = jobLifecycle.apply(job.state as JobState, 'CANCEL', `job ${job.key}`);
    draft.deleteJob(job.key);
    draft.record('JOB_CANCELED', ei.key, ei.elementId, { jobKey: job.key });
  }
  disarm(exec, ei);
  for (const incident of [...draft.incidents.values()]) {
    if (incident.elementInstanceKey === ei.key) closeIncident(exec, incident, 'CANCELED');
  }
  exec.transition(ei, 'TERMINATED');
  draft.record('ELEMENT_TERMINATED', ei.key, ei.elementId, { elementType: ei.elementType });
  draft.deleteElement(ei.key);
}

/** Terminate every element instance directly inside a scope, and drop tokens waiting at its joins. */
export function terminateChildren(exec: Execution, scopeKey: number, except?: number): void {
  for (const child of [...exec.draft.elements.values()]) {
    if (child.flowScopeKey === scopeKey && child.key !== except) terminate(exec, child);
  }
  const scope = joinScopeData(exec, scopeKey);
  if (scope.data.takenFlows) {
    delete scope.data.takenFlows;
    scope.touch();
  }
}

/** Cancel the whole process instance. */
export function cancelInstance(exec: Execution): void {
  terminateChildren(exec, exec.draft.instance.key);
  exec.transitionInstance('TERMINATE');
  exec.draft.instance.endedAt = exec.now;
  exec.draft.record('PROCESS_INSTANCE_TERMINATED', null, exec.model.bpmnProcessId);
}
