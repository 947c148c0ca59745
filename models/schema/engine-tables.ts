/** Tables of the engine runtime, in the database's snake_case. JSON columns are TEXT. */
export interface EngineTables {
  engine_meta: { name: string; value: string };
  deployments: { key: number; org_id: string; created_at: number };
  definitions: {
    key: number;
    deployment_key: number;
    org_id: string;
    bpmn_process_id: string;
    version: number;
    resource_name: string;
    checksum: string;
    xml: string;
    created_at: number;
  };
  instances: {
    key: number;
    definition_key: number;
    bpmn_process_id: string;
    version: number;
    org_id: string;
    workspace_id: string;
    state: string;
    started_at: number;
    ended_at: number | null;
    data: string;
  };
  element_instances: {
    key: number;
    instance_key: number;
    element_id: string;
    element_type: string;
    flow_scope_key: number;
    state: string;
    activated_at: number;
    data: string;
    /** The element's local variables: a JSON object, or null when it has none. */
    variables: string | null;
  };
  /** Variables of process instances' root scopes (element-local ones live in element_instances). */
  variables: { scope_key: number; instance_key: number; name: string; value: string };
  jobs: {
    key: number;
    instance_key: number;
    element_instance_key: number;
    element_id: string;
    bpmn_process_id: string;
    workspace_id: string;
    org_id: string;
    type: string;
    state: string;
    retries: number;
    deadline: number | null;
    worker: string | null;
    error_message: string | null;
    headers: string;
    created_at: number;
  };
  timers: {
    key: number;
    kind: string;
    instance_key: number | null;
    element_instance_key: number | null;
    element_id: string;
    definition_key: number;
    due_at: number;
    cycle: string | null;
  };
  incidents: {
    key: number;
    instance_key: number;
    element_instance_key: number;
    element_id: string;
    bpmn_process_id: string;
    workspace_id: string;
    org_id: string;
    job_key: number | null;
    type: string;
    message: string;
    state: string;
    created_at: number;
    resolved_at: number | null;
  };
  message_subscriptions: {
    key: number;
    instance_key: number;
    element_instance_key: number;
    element_id: string;
    workspace_id: string;
    message_name: string;
    correlation_key: string;
    interrupting: number;
  };
  /** One row per command and instance: `events` is a JSON array of [type, elementInstanceKey, elementId, data]. */
  history: {
    instance_key: number;
    seq: number;
    at: number;
    events: string;
  };
}
