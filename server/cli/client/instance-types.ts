/** The API's instance and incident shapes, as the CLI reads them (see server/api/workspace/instance-views.ts). */

export interface InstanceSummary {
  readonly processInstanceKey: string;
  readonly bpmnProcessId: string;
  readonly version: number;
  readonly workspaceId: string;
  readonly state: string;
  readonly hasIncident: boolean;
  readonly startedAt: string;
  readonly endedAt: string | null;
}

export interface IncidentSummary {
  readonly incidentKey: string;
  readonly processInstanceKey: string;
  readonly bpmnProcessId: string;
  readonly elementId: string;
  readonly type: string;
  readonly message: string;
  readonly state: string;
  readonly createdAt: string;
}

export interface InstanceDetail extends InstanceSummary {
  readonly elementInstances: readonly { elementInstanceKey: string; elementId: string; elementType: string; state: string }[];
  readonly variables: readonly { scopeKey: string; elementId: string | null; variables: Record<string, unknown> }[];
  readonly incidents: readonly IncidentSummary[];
  readonly jobs: readonly { jobKey: string; type: string; state: string; retries: number; elementId: string }[];
  readonly history: readonly { seq: number; at: string; type: string; elementId: string | null; data: Record<string, unknown> | null }[];
}

/** `ACTIVE`, or `ACTIVE (incident)` when an incident is open. */
export function stateText(instance: InstanceSummary): string {
  return instance.hasIncident ? `${instance.state} (incident)` : instance.state;
}
