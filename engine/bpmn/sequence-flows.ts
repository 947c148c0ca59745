import type { FeelExpression } from '../feel/index.js';
import type { SequenceFlow } from '../model/process-model.js';
import type { CompileContext } from './compile-context.js';
import { isExpression } from './compile-context.js';
import { elementProp, stringProp } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';
import type { ScopeWalk, WalkedElement } from './scope-walk.js';

/** The compiled flows and, per node id, the ids of the flows entering and leaving it. */
export interface FlowGraph {
  readonly flows: Map<string, SequenceFlow>;
  readonly incoming: Map<string, string[]>;
  readonly outgoing: Map<string, string[]>;
}

const DECIDING_GATEWAYS = new Set(['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway']);

/**
 * Resolve every sequence flow of a process: both ends must be flow nodes of the same scope,
 * and a condition must be FEEL (`=` …) on a flow leaving an exclusive or inclusive gateway.
 * A flow whose ends resolve still counts as incoming/outgoing even if its condition is
 * broken, so the gateway checks see the real shape of the graph.
 */
export function connectFlows(walk: ScopeWalk, context: CompileContext): FlowGraph {
  const graph: FlowGraph = { flows: new Map(), incoming: new Map(), outgoing: new Map() };
  for (const flow of walk.flows) {
    const source = resolveEnd(flow, 'sourceRef', walk, context);
    const target = resolveEnd(flow, 'targetRef', walk, context);
    if (source === undefined || target === undefined) continue;
    push(graph.outgoing, source.id, flow.id);
    push(graph.incoming, target.id, flow.id);
    const condition = elementProp(flow.element, 'conditionExpression');
    if (condition === undefined) {
      graph.flows.set(flow.id, { id: flow.id, sourceId: source.id, targetId: target.id });
      continue;
    }
    const compiled = compileCondition(flow.element, condition, source, context);
    if (compiled !== undefined) graph.flows.set(flow.id, { id: flow.id, sourceId: source.id, targetId: target.id, condition: compiled });
  }
  return graph;
}

function resolveEnd(flow: WalkedElement, property: 'sourceRef' | 'targetRef', walk: ScopeWalk, context: CompileContext): WalkedElement | undefined {
  const { problems, unresolved } = context;
  const end = elementProp(flow.element, property);
  if (end === undefined) {
    if (!unresolved.has(flow.element, property)) problems.error('BPMN_INVALID_SEQUENCE_FLOW', flow.element, `the sequence flow has no ${property}`);
    return undefined;
  }
  const id = end.id ?? '';
  const node = walk.nodes.get(id);
  if (node === undefined) {
    // A flow touching an unsupported element: that element is the problem, already reported.
    if (!walk.refused.has(id)) problems.error('BPMN_INVALID_SEQUENCE_FLOW', flow.element, `${property} '${id}' is not a flow node of this process`);
    return undefined;
  }
  if (node.scopeId !== flow.scopeId) {
    problems.error('BPMN_INVALID_SEQUENCE_FLOW', flow.element, `${property} '${id}' is in another scope; a sequence flow cannot cross a subprocess boundary`);
    return undefined;
  }
  return node;
}

function compileCondition(flow: ModdleElement, condition: ModdleElement, source: WalkedElement, context: CompileContext): FeelExpression | undefined {
  const { problems } = context;
  const body = stringProp(condition, 'body')?.trim() ?? '';
  if (!DECIDING_GATEWAYS.has(source.element.$type)) {
    problems.error('BPMN_INVALID_SEQUENCE_FLOW', flow, `a condition is only supported on flows leaving an exclusive or inclusive gateway, not a flow from '${source.id}'`);
    return undefined;
  }
  if (!isExpression(body)) {
    const got = body === '' ? 'it is empty' : `got '${body}'`;
    problems.error('BPMN_INVALID_SEQUENCE_FLOW', flow, `the condition must be a FEEL expression starting with '=', ${got}`);
    return undefined;
  }
  return context.expression(flow, 'conditionExpression', body);
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
