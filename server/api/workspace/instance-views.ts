import type { JsonValue } from '../../../core/index.js';
import type { ElementInstanceRecord, HistoryEntry, IncidentRecord, InstanceRecord, JobRecord, VariableRecord } from '../../../models/index.js';
import { isoTime } from '../wire-format.js';

/** How instances, incidents and jobs look on the wire: keys as strings, times as ISO text. */

/** Lifecycle state in capitals (`ACTIVE`, `COMPLETED`, `TERMINATED`); open incidents are `hasIncident`. */
export function instanceView(instance: InstanceRecord, hasIncident: boolean) {
  return {
    processInstanceKey: String(instance.key),
    processDefinitionKey: String(instance.definitionKey),
    bpmnProcessId: instance.bpmnProcessId,
    version: instance.version,
    workspaceId: instance.workspaceId,
    state: instance.state.toUpperCase(),
    hasIncident,
    startedAt: isoTime(instance.startedAt),
    endedAt: isoTime(instance.endedAt),
  };
}

export function elementView(element: ElementInstanceRecord) {
  return {
    elementInstanceKey: String(element.key),
    elementId: element.elementId,
    elementType: element.elementType,
    state: element.state,
    flowScopeKey: String(element.flowScopeKey),
    activatedAt: isoTime(element.activatedAt),
  };
}

/** Variables grouped by scope; the root scope (the instance key) first. */
export function variablesByScope(instance: InstanceRecord, variables: readonly VariableRecord[], elements: readonly ElementInstanceRecord[]) {
  const scopes = new Map<number, Record<string, JsonValue>>();
  for (const v of variables) {
    const scope = scopes.get(v.scopeKey) ?? {};
    scope[v.name] = JSON.parse(v.value) as JsonValue;
    scopes.set(v.scopeKey, scope);
  }
  const elementIds = new Map(elements.map((e) => [e.key, e.elementId]));
  return [...scopes]
    .sort(([a], [b]) => (a === instance.key ? -1 : b === instance.key ? 1 : a - b))
    .map(([scopeKey, values]) => ({
      scopeKey: String(scopeKey),
      elementId: scopeKey === instance.key ? instance.bpmnProcessId : (elementIds.get(scopeKey) ?? null),
      variables: values,
    }));
}

export function incidentView(incident: IncidentRecord) {
  return {
    incidentKey: String(incident.key),
    processInstanceKey: String(incident.instanceKey),
    bpmnProcessId: incident.bpmnProcessId,
    elementId: incident.elementId,
    elementInstanceKey: String(incident.elementInstanceKey),
    jobKey: incident.jobKey === null ? null : String(incident.jobKey),
    type: incident.type,
    message: incident.message,
    state: incident.state.toUpperCase(),
    createdAt: isoTime(incident.createdAt),
    resolvedAt: isoTime(incident.resolvedAt),
  };
}

export function jobView(job: JobRecord) {
  return {
    jobKey: String(job.key),
    type: job.type,
    state: job.state,
    retries: job.retries,
    processInstanceKey: String(job.instanceKey),
    bpmnProcessId: job.bpmnProcessId,
    elementId: job.elementId,
    elementInstanceKey: String(job.elementInstanceKey),
    worker: job.worker,
    deadline: isoTime(job.deadline),
    errorMessage: job.errorMessage,
    createdAt: isoTime(job.createdAt),
  };
}

/** History as stored: secret-free by construction (connector exchanges are redacted before they are written). */
export function historyView(entry: HistoryEntry) {
  return {
    seq: entry.seq,
    at: isoTime(entry.at),
    type: entry.type,
    elementId: entry.elementId,
    elementInstanceKey: entry.elementInstanceKey === null ? null : String(entry.elementInstanceKey),
    data: entry.data,
  };
}
