import type { ElementData, ElementInstanceRecord, IncidentRecord } from '../../models/index.js';
import type { Execution } from './execution.js';

/** Incident types: Zeebe's where Zeebe has one, ours where it does not. */
export type IncidentType =
  | 'JOB_NO_RETRIES'
  | 'UNHANDLED_ERROR_EVENT'
  | 'CONDITION_ERROR'
  | 'IO_MAPPING_ERROR'
  | 'EXTRACT_VALUE_ERROR'
  | 'STEP_LIMIT_EXCEEDED';

/**
 * Stop an element instance on a failure: it moves to `incident`, remembering the phase
 * it was in and what to redo once an operator resolves the incident.
 */
export function raiseIncident(
  exec: Execution,
  ei: ElementInstanceRecord,
  type: IncidentType,
  message: string,
  resume: NonNullable<ElementData['resume']>,
  jobKey: number | null = null,
): void {
  const phase = ei.state as 'activating' | 'activated' | 'completing';
  exec.transition(ei, 'RAISE_INCIDENT');
  ei.data.incidentPhase = phase;
  ei.data.resume = resume;
  const { instance } = exec.draft;
  const incident: IncidentRecord = {
    key: exec.draft.keys.next(),
    instanceKey: instance.key,
    elementInstanceKey: ei.key,
    elementId: ei.elementId,
    bpmnProcessId: instance.bpmnProcessId,
    workspaceId: instance.workspaceId,
    orgId: instance.orgId,
    jobKey,
    type,
    message,
    state: 'active',
    createdAt: exec.now,
    resolvedAt: null,
  };
  exec.draft.putIncident(incident);
  exec.draft.record('INCIDENT_CREATED', ei.key, ei.elementId, { incidentKey: incident.key, type, message });
}

/** Mark an incident resolved (the caller continues the element). */
export function closeIncident(exec: Execution, incident: IncidentRecord, how: 'RESOLVED' | 'CANCELED'): void {
  exec.draft.putIncident({ ...incident, state: 'resolved', resolvedAt: exec.now });
  exec.draft.record(how === 'RESOLVED' ? 'INCIDENT_RESOLVED' : 'INCIDENT_CANCELED', incident.elementInstanceKey, incident.elementId, {
    incidentKey: incident.key,
  });
}

/**
 * Continue an element instance after its incident was resolved: back to the phase it
 * stopped in, then redo what failed. Job incidents are continued by the caller (the job
 * gets retries again).
 */
export function resumeAfterIncident(exec: Execution, ei: ElementInstanceRecord): void {
  const { incidentPhase, resume } = ei.data;
  delete ei.data.incidentPhase;
  delete ei.data.resume;
  exec.transition(ei, incidentPhase === 'activating' ? 'RETRY_ACTIVATING' : incidentPhase === 'completing' ? 'RETRY_COMPLETING' : 'RETRY_ACTIVATED');
  if (resume === 'activate') exec.schedule('activate', ei.key);
  else if (resume === 'behavior') exec.schedule('behavior', ei.key);
  else if (resume === 'complete') exec.schedule('complete', ei.key);
  else if (resume === 'completing') exec.schedule('completing', ei.key);
}
