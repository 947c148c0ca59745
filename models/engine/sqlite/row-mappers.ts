import type { ElementWrite } from '../engine-store.js';
import type {
  DefinitionRecord,
  HistoryEntry,
  ElementInstanceRecord,
  HistoryRecord,
  IncidentRecord,
  InstanceRecord,
  JobRecord,
  MessageSubscriptionRecord,
  TimerRecord,
  VariableRecord,
} from '../records.js';

/**
 * Column lists and record ↔ row conversions for the engine tables. Each `*Columns`
 * array fixes the parameter order of the matching `*Params` function.
 */
type Row = Record<string, any>;

export const instanceColumns = ['key', 'definition_key', 'bpmn_process_id', 'version', 'org_id', 'workspace_id', 'state', 'started_at', 'ended_at', 'data'] as const;
/** Params with the JSON column (`data`, at `instanceDataColumn`) still a value. */
export const instanceParams = (r: InstanceRecord): unknown[] => [r.key, r.definitionKey, r.bpmnProcessId, r.version, r.orgId, r.workspaceId, r.state, r.startedAt, r.endedAt, r.data];
export const instanceDataColumn = 9;
export const toInstance = (row: Row): InstanceRecord => ({
  key: row.key, definitionKey: row.definition_key, bpmnProcessId: row.bpmn_process_id, version: row.version,
  orgId: row.org_id, workspaceId: row.workspace_id, state: row.state, startedAt: row.started_at,
  endedAt: row.ended_at, data: JSON.parse(row.data),
});

export const elementColumns = ['key', 'instance_key', 'element_id', 'element_type', 'flow_scope_key', 'state', 'activated_at', 'data', 'variables'] as const;
/** Params with the JSON columns (`data`, `variables`: `elementJsonColumns`) still values. */
export const elementParams = ({ record: r, variables }: ElementWrite): unknown[] => [r.key, r.instanceKey, r.elementId, r.elementType, r.flowScopeKey, r.state, r.activatedAt, r.data, variables];
export const elementJsonColumns = [7, 8] as const;
export const toElement = (row: Row): ElementInstanceRecord => ({
  key: row.key, instanceKey: row.instance_key, elementId: row.element_id, elementType: row.element_type,
  flowScopeKey: row.flow_scope_key, state: row.state, activatedAt: row.activated_at, data: JSON.parse(row.data),
});

/** The local variables an element row holds, as variable records (values stay JSON text). */
export function elementVariables(row: Row): VariableRecord[] {
  if (row.variables === null || row.variables === undefined) return [];
  const values = JSON.parse(row.variables) as Record<string, unknown>;
  return Object.keys(values).map((name) => ({ scopeKey: row.key, instanceKey: row.instance_key, name, value: JSON.stringify(values[name]) }));
}

export const variableColumns = ['scope_key', 'instance_key', 'name', 'value'] as const;
export const variableParams = (r: VariableRecord) => [r.scopeKey, r.instanceKey, r.name, r.value];
export const toVariable = (row: Row): VariableRecord => ({ scopeKey: row.scope_key, instanceKey: row.instance_key, name: row.name, value: row.value });

export const jobColumns = ['key', 'instance_key', 'element_instance_key', 'element_id', 'bpmn_process_id', 'workspace_id', 'org_id', 'type', 'state', 'retries', 'deadline', 'worker', 'error_message', 'headers', 'created_at'] as const;
export const jobParams = (r: JobRecord) => [r.key, r.instanceKey, r.elementInstanceKey, r.elementId, r.bpmnProcessId, r.workspaceId, r.orgId, r.type, r.state, r.retries, r.deadline, r.worker, r.errorMessage, r.headers, r.createdAt];
export const toJob = (row: Row): JobRecord => ({
  key: row.key, instanceKey: row.instance_key, elementInstanceKey: row.element_instance_key, elementId: row.element_id,
  bpmnProcessId: row.bpmn_process_id, workspaceId: row.workspace_id, orgId: row.org_id, type: row.type, state: row.state,
  retries: row.retries, deadline: row.deadline, worker: row.worker, errorMessage: row.error_message, headers: row.headers,
  createdAt: row.created_at,
});

export const timerColumns = ['key', 'kind', 'instance_key', 'element_instance_key', 'element_id', 'definition_key', 'due_at', 'cycle'] as const;
export const timerParams = (r: TimerRecord) => [r.key, r.kind, r.instanceKey, r.elementInstanceKey, r.elementId, r.definitionKey, r.dueAt, r.cycle];
export const toTimer = (row: Row): TimerRecord => ({
  key: row.key, kind: row.kind, instanceKey: row.instance_key, elementInstanceKey: row.element_instance_key,
  elementId: row.element_id, definitionKey: row.definition_key, dueAt: row.due_at, cycle: row.cycle,
});

export const incidentColumns = ['key', 'instance_key', 'element_instance_key', 'element_id', 'bpmn_process_id', 'workspace_id', 'org_id', 'job_key', 'type', 'message', 'state', 'created_at', 'resolved_at'] as const;
export const incidentParams = (r: IncidentRecord) => [r.key, r.instanceKey, r.elementInstanceKey, r.elementId, r.bpmnProcessId, r.workspaceId, r.orgId, r.jobKey, r.type, r.message, r.state, r.createdAt, r.resolvedAt];
export const toIncident = (row: Row): IncidentRecord => ({
  key: row.key, instanceKey: row.instance_key, elementInstanceKey: row.element_instance_key, elementId: row.element_id,
  bpmnProcessId: row.bpmn_process_id, workspaceId: row.workspace_id, orgId: row.org_id, jobKey: row.job_key, type: row.type,
  message: row.message, state: row.state, createdAt: row.created_at, resolvedAt: row.resolved_at,
});

export const subscriptionColumns = ['key', 'instance_key', 'element_instance_key', 'element_id', 'workspace_id', 'message_name', 'correlation_key', 'interrupting'] as const;
export const subscriptionParams = (r: MessageSubscriptionRecord) => [r.key, r.instanceKey, r.elementInstanceKey, r.elementId, r.workspaceId, r.messageName, r.correlationKey, r.interrupting ? 1 : 0];
export const toSubscription = (row: Row): MessageSubscriptionRecord => ({
  key: row.key, instanceKey: row.instance_key, elementInstanceKey: row.element_instance_key, elementId: row.element_id,
  workspaceId: row.workspace_id, messageName: row.message_name, correlationKey: row.correlation_key, interrupting: row.interrupting === 1,
});

/** A command's events as stored (as JSON text): an array of [type, elementInstanceKey, elementId, data]. */
export function historyEvents(records: readonly HistoryRecord[]): unknown[] {
  return records.map((r) => [r.type, r.elementInstanceKey, r.elementId, r.data]);
}

/** Expand one stored history row into its events. */
export function toHistory(row: Row): HistoryEntry[] {
  const events = JSON.parse(row.events) as [string, number | null, string | null, Record<string, unknown> | null][];
  return events.map(([type, elementInstanceKey, elementId, data]) => ({
    seq: row.seq, instanceKey: row.instance_key, at: row.at, type, elementInstanceKey, elementId, data,
  }));
}

export const definitionColumns = ['key', 'deployment_key', 'org_id', 'bpmn_process_id', 'version', 'resource_name', 'checksum', 'xml', 'created_at'] as const;
export const definitionParams = (r: DefinitionRecord) => [r.key, r.deploymentKey, r.orgId, r.bpmnProcessId, r.version, r.resourceName, r.checksum, r.xml, r.createdAt];
export const toDefinition = (row: Row): DefinitionRecord => ({
  key: row.key, deploymentKey: row.deployment_key, orgId: row.org_id, bpmnProcessId: row.bpmn_process_id, version: row.version,
  resourceName: row.resource_name, checksum: row.checksum, xml: row.xml, createdAt: row.created_at,
});

/** `INSERT OR REPLACE INTO table (cols) VALUES (?, …)`. */
export function upsertSql(table: string, columns: readonly string[]): string {
  return `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}
