import type { JsonObject, JsonValue } from '../../core/index.js';
import type { EngineStore, InstanceAggregate } from '../../models/index.js';
import { handledBy } from './handled-by.js';

/** The CLI/API view of where an instance stands. */
export type InstanceStatus = 'COMPLETED' | 'ACTIVE' | 'INCIDENT' | 'TERMINATED';

export interface InstanceOutcome {
  readonly processInstanceKey: string;
  readonly bpmnProcessId: string;
  readonly state: InstanceStatus;
  /** Root-scope variables. */
  readonly variables: JsonObject;
  readonly incidents: readonly { readonly elementId: string; readonly type: string; readonly message: string }[];
}

/** Summarize an instance: its status, root variables and open incidents. */
export async function instanceOutcome(store: EngineStore, instanceKey: number): Promise<InstanceOutcome | undefined> {
  const instance = await store.getInstance(instanceKey);
  if (!instance) return undefined;
  const variables: JsonObject = {};
  for (const v of await store.instanceVariables(instanceKey)) {
    if (v.scopeKey === instanceKey) variables[v.name] = JSON.parse(v.value) as JsonValue;
  }
  const incidents = (await store.listIncidents({ instanceKey, state: 'active', limit: 1000 })).map((i) => ({
    elementId: i.elementId,
    type: i.type,
    message: i.message,
  }));
  const state: InstanceStatus =
    instance.state === 'completed' ? 'COMPLETED' : instance.state === 'terminated' ? 'TERMINATED' : incidents.length > 0 ? 'INCIDENT' : 'ACTIVE';
  return { processInstanceKey: String(instanceKey), bpmnProcessId: instance.bpmnProcessId, state, variables, incidents };
}

/**
 * Whether anything can still happen to an instance without outside input: a timer
 * pending, or a job that an in-process handler will take. Incidents, jobs without a
 * handler and message subscriptions all need someone outside.
 */
export function canProgressAlone(aggregate: InstanceAggregate, hasHandler: (type: string) => boolean): boolean {
  if (aggregate.instance.state !== 'active') return false;
  if (aggregate.timers.length > 0) return true;
  return aggregate.jobs.some((job) => handledBy(job, hasHandler));
}
