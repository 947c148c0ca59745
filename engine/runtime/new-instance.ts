import type { DefinitionRecord, InstanceAggregate, TimerRecord } from '../../models/index.js';
import { processInstanceLifecycle } from '../lifecycle/index.js';

/** The empty aggregate of a process instance about to start (nothing stored yet). */
export function newInstanceAggregate(
  definition: DefinitionRecord,
  where: { readonly key: number; readonly orgId: string; readonly workspaceId: string; readonly now: number },
  timers: readonly TimerRecord[] = [],
): InstanceAggregate {
  return {
    instance: {
      key: where.key,
      definitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      orgId: where.orgId,
      workspaceId: where.workspaceId,
      state: processInstanceLifecycle.initial,
      startedAt: where.now,
      endedAt: null,
      data: {},
    },
    elements: [],
    variables: [],
    jobs: [],
    timers,
    incidents: [],
    subscriptions: [],
  };
}
