import type { ElementInstanceRecord } from '../../../models/index.js';
import type { ExclusiveGateway, InclusiveGateway } from '../../model/process-model.js';
import type { Execution } from '../execution.js';
import { raiseIncident } from '../incidents.js';
import { scopeLookup } from '../variable-scopes.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * Exclusive gateway: the first outgoing flow (document order) whose condition is true,
 * else the default flow, else an incident. Inclusive gateway: every flow whose condition
 * is true (unconditioned flows count as true), else the default flow, else an incident.
 * A condition that fails or is not boolean is a CONDITION_ERROR incident.
 */
function choosing(all: boolean): ElementBehavior {
  return {
    activated(exec, ei, node) {
      const gateway = node as ExclusiveGateway | InclusiveGateway;
      const chosen = choose(exec, ei, gateway, all);
      if (chosen === undefined) return;
      ei.data.chosenFlows = chosen;
      exec.draft.putElement(ei);
      exec.complete(ei);
    },
    outgoing(_exec, ei) {
      return ei.data.chosenFlows ?? [];
    },
  };
}

function choose(exec: Execution, ei: ElementInstanceRecord, gateway: ExclusiveGateway | InclusiveGateway, all: boolean): string[] | undefined {
  if (gateway.outgoing.length === 1 && gateway.defaultFlowId === undefined && !exec.model.flows.get(gateway.outgoing[0]!)!.condition) {
    return [...gateway.outgoing];
  }
  const lookup = scopeLookup(exec.draft, ei.key);
  const chosen: string[] = [];
  for (const flowId of gateway.outgoing) {
    if (flowId === gateway.defaultFlowId) continue;
    const condition = exec.model.flows.get(flowId)!.condition;
    if (!condition) {
      chosen.push(flowId);
      if (!all) break;
      continue;
    }
    const result = condition.evaluate(lookup);
    if (!result.ok) {
      raiseIncident(exec, ei, 'CONDITION_ERROR', `${gateway.id}: failed to evaluate condition '${condition.source}' of flow '${flowId}': ${result.message}`, 'behavior');
      return undefined;
    }
    if (result.value !== true && result.value !== false) {
      const message = `${gateway.id}: expected condition '${condition.source}' of flow '${flowId}' to be a boolean, got ${JSON.stringify(result.value)}`;
      raiseIncident(exec, ei, 'CONDITION_ERROR', message, 'behavior');
      return undefined;
    }
    if (result.value === true) {
      chosen.push(flowId);
      if (!all) break;
    }
  }
  if (chosen.length > 0) return chosen;
  if (gateway.defaultFlowId !== undefined) return [gateway.defaultFlowId];
  const message =
    `${gateway.id}: expected at least one condition to evaluate to true, or to have a default flow ` +
    `(conditions: ${gateway.outgoing.map((id) => `'${exec.model.flows.get(id)!.condition?.source ?? 'none'}'`).join(', ')})`;
  raiseIncident(exec, ei, 'CONDITION_ERROR', message, 'behavior');
  return undefined;
}

export const exclusiveGateway = choosing(false);
export const inclusiveGateway = choosing(true);
