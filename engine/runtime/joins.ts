import type { ElementData } from '../../models/index.js';
import type { FlowNode, Gateway, ProcessModel } from '../model/process-model.js';
import type { Execution } from './execution.js';

/**
 * Joining gateways. A sequence flow taken into a join is counted on its scope
 * (`takenFlows`), not turned into an element instance; the gateway activates when:
 * - parallel: every incoming flow was taken at least once;
 * - inclusive: at least one was, and no token left in the scope can still reach an
 *   incoming flow that was not taken (paths through the gateway itself don't count).
 * Counting (not set membership) keeps unstructured graphs and loops right.
 */

export function isJoin(node: FlowNode): node is Gateway {
  return (node.type === 'parallelGateway' || node.type === 'inclusiveGateway') && node.incoming.length > 1;
}

/** The bookkeeping of a scope: the process instance or a subprocess instance. */
export function joinScopeData(exec: Execution, scopeKey: number): { data: ElementData; touch(): void } {
  if (scopeKey === exec.draft.instance.key) {
    return { data: exec.draft.instance.data, touch: () => exec.draft.touchInstance() };
  }
  const ei = exec.draft.elements.get(scopeKey)!;
  return { data: ei.data, touch: () => exec.draft.putElement(ei) };
}

/** Joins in the scope whose condition now holds; their tokens are consumed. */
export function readyJoins(exec: Execution, scopeKey: number): Gateway[] {
  const scope = joinScopeData(exec, scopeKey);
  const taken = scope.data.takenFlows;
  if (!taken) return [];
  const gateways = new Map<string, Gateway>();
  for (const flowId of Object.keys(taken)) {
    const gateway = exec.node(exec.model.flows.get(flowId)!.targetId) as Gateway;
    gateways.set(gateway.id, gateway);
  }
  const ready: Gateway[] = [];
  for (const gateway of gateways.values()) {
    const arrived = gateway.incoming.filter((flowId) => (taken[flowId] ?? 0) > 0);
    if (arrived.length === 0) continue;
    if (gateway.type === 'parallelGateway') {
      if (arrived.length < gateway.incoming.length) continue;
    } else {
      const missing = gateway.incoming.filter((flowId) => !taken[flowId]);
      if (missing.some((flowId) => tokenCanReach(exec, scopeKey, flowId, gateway.id))) continue;
    }
    for (const flowId of arrived) {
      taken[flowId] = taken[flowId]! - 1;
      if (taken[flowId] === 0) delete taken[flowId];
    }
    if (Object.keys(taken).length === 0) delete scope.data.takenFlows;
    scope.touch();
    ready.push(gateway);
  }
  return ready;
}

/** Can any token of the scope (element instance, or a token waiting at another join) still take `flowId`? */
function tokenCanReach(exec: Execution, scopeKey: number, flowId: string, joinId: string): boolean {
  const reach = reachability(exec.model);
  for (const ei of exec.draft.elements.values()) {
    if (ei.flowScopeKey === scopeKey && reach(ei.elementId, flowId, joinId)) return true;
  }
  const taken = joinScopeData(exec, scopeKey).data.takenFlows ?? {};
  for (const takenId of Object.keys(taken)) {
    const target = exec.model.flows.get(takenId)!.targetId;
    if (target !== joinId && reach(target, flowId, joinId)) return true;
  }
  return false;
}

const cache = new WeakMap<ProcessModel, (from: string, flowId: string, joinId: string) => boolean>();

/** Memoized graph search: from a node, following flows and boundary events, without passing the join. */
function reachability(model: ProcessModel): (from: string, flowId: string, joinId: string) => boolean {
  let reach = cache.get(model);
  if (reach) return reach;
  const memo = new Map<string, boolean>();
  reach = (from, flowId, joinId) => {
    const id = `${from}\u0000${flowId}\u0000${joinId}`;
    let answer = memo.get(id);
    if (answer === undefined) {
      answer = search(model, from, flowId, joinId);
      memo.set(id, answer);
    }
    return answer;
  };
  cache.set(model, reach);
  return reach;
}

function search(model: ProcessModel, from: string, flowId: string, joinId: string): boolean {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const node = model.nodes.get(stack.pop()!)!;
    const exits = [...node.outgoing];
    for (const boundaryId of node.boundaryIds) exits.push(...model.nodes.get(boundaryId)!.outgoing);
    for (const exit of exits) {
      if (exit === flowId) return true;
      const next = model.flows.get(exit)!.targetId;
      if (next !== joinId && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}
