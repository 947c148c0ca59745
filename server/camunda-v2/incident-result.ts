import type { EngineStore, IncidentRecord } from '../../models/index.js';
import type { SearchFields } from './search-filter.js';

/**
 * Camunda's incident error types that Weft raises under the same name; any other Weft
 * incident type (STEP_LIMIT_EXCEEDED) is reported as UNKNOWN, its message says which.
 */
const CAMUNDA_ERROR_TYPES = new Set(['JOB_NO_RETRIES', 'UNHANDLED_ERROR_EVENT', 'CONDITION_ERROR', 'IO_MAPPING_ERROR', 'EXTRACT_VALUE_ERROR']);

/** An incident as `POST /v2/incidents/search` returns it. */
export interface IncidentResult {
  readonly incidentKey: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processInstanceKey: string;
  readonly errorType: string;
  readonly errorMessage: string;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly creationTime: string;
  readonly state: 'ACTIVE' | 'RESOLVED';
  /** The Weft workspace of the instance. */
  readonly tenantId: string;
  /** Absent when the incident is not about a job. */
  readonly jobKey?: string;
}

/** Camunda's error type for a Weft incident type. */
export function camundaErrorType(type: string): string {
  return CAMUNDA_ERROR_TYPES.has(type) ? type : 'UNKNOWN';
}

/** Turn incident records into results; definition keys come from their instances (read once each). */
export async function toIncidentResults(store: EngineStore, records: readonly IncidentRecord[]): Promise<IncidentResult[]> {
  const definitions = new Map<number, Promise<number | undefined>>();
  const definitionOf = (instanceKey: number) => {
    let key = definitions.get(instanceKey);
    if (!key) {
      key = store.getInstance(instanceKey).then((instance) => instance?.definitionKey);
      definitions.set(instanceKey, key);
    }
    return key;
  };
  return Promise.all(
    records.map(async (record) => ({
      incidentKey: String(record.key),
      processDefinitionKey: String((await definitionOf(record.instanceKey)) ?? ''),
      processDefinitionId: record.bpmnProcessId,
      processInstanceKey: String(record.instanceKey),
      errorType: camundaErrorType(record.type),
      errorMessage: record.type === camundaErrorType(record.type) ? record.message : `${record.type}: ${record.message}`,
      elementId: record.elementId,
      elementInstanceKey: String(record.elementInstanceKey),
      creationTime: new Date(record.createdAt).toISOString(),
      state: record.state === 'active' ? ('ACTIVE' as const) : ('RESOLVED' as const),
      tenantId: record.workspaceId,
      ...(record.jobKey === null ? {} : { jobKey: String(record.jobKey) }),
    })),
  );
}

/** What an incident search may filter and sort by. */
export const INCIDENT_FIELDS: SearchFields<IncidentResult> = {
  incidentKey: { kind: 'string', read: (i) => i.incidentKey },
  processDefinitionKey: { kind: 'string', read: (i) => i.processDefinitionKey },
  processDefinitionId: { kind: 'string', read: (i) => i.processDefinitionId },
  processInstanceKey: { kind: 'string', read: (i) => i.processInstanceKey },
  errorType: { kind: 'string', read: (i) => i.errorType },
  errorMessage: { kind: 'string', read: (i) => i.errorMessage },
  elementId: { kind: 'string', read: (i) => i.elementId },
  elementInstanceKey: { kind: 'string', read: (i) => i.elementInstanceKey },
  creationTime: { kind: 'date', read: (i) => i.creationTime },
  state: { kind: 'string', read: (i) => i.state },
  tenantId: { kind: 'string', read: (i) => i.tenantId },
  jobKey: { kind: 'string', read: (i) => i.jobKey },
};
