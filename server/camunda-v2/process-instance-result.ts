import type { Engine } from '../../engine/index.js';
import type { InstanceRecord } from '../../models/index.js';
import type { SearchFields } from './search-filter.js';

/** Camunda's process instance states; Weft has no SUSPENDED. */
export type CamundaInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/** A process instance as `GET /v2/process-instances/:key` and the search return it. */
export interface ProcessInstanceResult {
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  /** The BPMN process name, or its id when it has none. */
  readonly processDefinitionName: string;
  readonly processDefinitionVersion: number;
  readonly state: CamundaInstanceState;
  /** True while the instance has at least one open incident (its state stays ACTIVE). */
  readonly hasIncident: boolean;
  /** The Weft workspace the instance runs in. */
  readonly tenantId: string;
  readonly startDate: string;
  /** Absent while the instance runs. */
  readonly endDate?: string;
}

/** Weft's persisted instance state as Camunda's. */
export function camundaState(state: string): CamundaInstanceState {
  return state === 'completed' ? 'COMPLETED' : state === 'terminated' ? 'TERMINATED' : 'ACTIVE';
}

/** Camunda's state name as Weft's persisted one (undefined: no Weft instance can have it). */
export function weftState(state: string): string | undefined {
  return ({ ACTIVE: 'active', COMPLETED: 'completed', TERMINATED: 'terminated' } as Record<string, string>)[state];
}

/**
 * Turn instance records into results. Process names come from the compiled models (the
 * engine caches them), looked up once per definition.
 */
export async function toProcessInstanceResults(
  engine: Engine,
  records: readonly InstanceRecord[],
  hasIncident: (instanceKey: number) => boolean,
): Promise<ProcessInstanceResult[]> {
  const names = new Map<number, Promise<string | undefined>>();
  const nameOf = (definitionKey: number) => {
    let name = names.get(definitionKey);
    if (!name) {
      name = engine.processModel(definitionKey).then((model) => model.name, () => undefined);
      names.set(definitionKey, name);
    }
    return name;
  };
  return Promise.all(
    records.map(async (record) => ({
      processInstanceKey: String(record.key),
      processDefinitionKey: String(record.definitionKey),
      processDefinitionId: record.bpmnProcessId,
      processDefinitionName: (await nameOf(record.definitionKey)) || record.bpmnProcessId,
      processDefinitionVersion: record.version,
      state: camundaState(record.state),
      hasIncident: hasIncident(record.key),
      tenantId: record.workspaceId,
      startDate: new Date(record.startedAt).toISOString(),
      ...(record.endedAt === null ? {} : { endDate: new Date(record.endedAt).toISOString() }),
    })),
  );
}

/** What a process instance search may filter and sort by. */
export const PROCESS_INSTANCE_FIELDS: SearchFields<ProcessInstanceResult> = {
  processInstanceKey: { kind: 'string', read: (i) => i.processInstanceKey },
  processDefinitionKey: { kind: 'string', read: (i) => i.processDefinitionKey },
  processDefinitionId: { kind: 'string', read: (i) => i.processDefinitionId },
  processDefinitionName: { kind: 'string', read: (i) => i.processDefinitionName },
  processDefinitionVersion: { kind: 'integer', read: (i) => i.processDefinitionVersion },
  state: { kind: 'string', read: (i) => i.state },
  hasIncident: { kind: 'boolean', read: (i) => i.hasIncident },
  tenantId: { kind: 'string', read: (i) => i.tenantId },
  startDate: { kind: 'date', read: (i) => i.startDate },
  endDate: { kind: 'date', read: (i) => i.endDate },
  // Weft has no call activities yet: never set, but valid to filter on ($exists: false).
  parentProcessInstanceKey: { kind: 'string', read: () => undefined },
  parentElementInstanceKey: { kind: 'string', read: () => undefined },
};
