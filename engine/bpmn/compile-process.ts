import type { FlowNode, ProcessModel, Scope, StartEvent } from '../model/process-model.js';
import type { CompileContext } from './compile-context.js';
import { ACTIVITY_TYPES, compileFlowNode } from './compile-flow-node.js';
import { checkMessageNames } from './message-names.js';
import { elementProp, stringProp, xmlName } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';
import type { NodeDraft } from './node-draft.js';
import type { ScopeWalk, WalkedElement, WalkedScope } from './scope-walk.js';
import { walkScopes } from './scope-walk.js';
import { connectFlows } from './sequence-flows.js';
import type { FlowGraph } from './sequence-flows.js';
import { readMappings, readProperties } from './zeebe-extensions.js';

/**
 * Compile one executable process into its model: walk the scopes, resolve flows and
 * boundary attachments, compile each node, then check each scope's start events. Problems
 * go to the context; the model is only meaningful when none were errors.
 */
export function compileProcess(process: ModdleElement, processId: string, context: CompileContext): ProcessModel {
  const walk = walkScopes(process, processId, context);
  const graph = connectFlows(walk, context);
  const { attachedTo, boundaryIds } = attachBoundaryEvents(walk, context);

  const nodes = new Map<string, FlowNode>();
  for (const walked of walk.nodes.values()) {
    const draft = draftOf(walked, graph, boundaryIds, attachedTo, context);
    const node = compileFlowNode(walked.element, draft, context);
    if (node !== undefined) nodes.set(walked.id, node);
  }

  checkMessageNames(processId, nodes, walk, context);
  const scopes = new Map<string, Scope>();
  for (const scope of walk.scopes.values()) scopes.set(scope.id, compileScope(scope, walk, nodes, context));
  const root = scopes.get(processId) ?? { id: processId, childIds: [] };
  const startEvents = root.childIds.map((id) => nodes.get(id)).filter((node): node is StartEvent => node?.type === 'startEvent');
  const name = stringProp(process, 'name');
  return {
    bpmnProcessId: processId,
    ...(name === undefined ? {} : { name }),
    nodes,
    flows: graph.flows,
    root,
    scopes,
    startEvents,
  };
}

function draftOf(walked: WalkedElement, graph: FlowGraph, boundaryIds: Map<string, string[]>, attachedTo: Map<string, string>, context: CompileContext): NodeDraft {
  const { element, id, scopeId, inSubprocess } = walked;
  const name = stringProp(element, 'name');
  const { inputs, outputs } = readMappings(element, context);
  const attachedToId = attachedTo.get(id);
  return {
    base: {
      id,
      ...(name === undefined ? {} : { name }),
      scopeId,
      incoming: graph.incoming.get(id) ?? [],
      outgoing: graph.outgoing.get(id) ?? [],
      inputs,
      outputs,
      boundaryIds: boundaryIds.get(id) ?? [],
      properties: readProperties(element, context),
    },
    inSubprocess,
    ...(attachedToId === undefined ? {} : { attachedToId }),
    flows: graph.flows,
  };
}

/** Resolve `attachedToRef` of every boundary event: an activity of the same scope. */
function attachBoundaryEvents(walk: ScopeWalk, context: CompileContext): { attachedTo: Map<string, string>; boundaryIds: Map<string, string[]> } {
  const attachedTo = new Map<string, string>();
  const boundaryIds = new Map<string, string[]>();
  const { problems, unresolved } = context;
  for (const walked of walk.nodes.values()) {
    const { element } = walked;
    if (element.$type !== 'bpmn:BoundaryEvent') continue;
    const activity = elementProp(element, 'attachedToRef');
    const activityId = activity?.id ?? '';
    if (activity === undefined) {
      if (!unresolved.has(element, 'attachedToRef')) problems.error('BPMN_INVALID_BOUNDARY_EVENT', element, 'the boundary event is not attached to an activity (attachedToRef)');
    } else if (walk.refused.has(activityId)) {
      // Attached to an unsupported element, which is reported already.
    } else if (!ACTIVITY_TYPES.has(activity.$type)) {
      problems.error('BPMN_INVALID_BOUNDARY_EVENT', element, `is attached to the ${xmlName(activity.$type)} '${activityId}'; boundary events attach only to tasks and subprocesses`);
    } else if (walk.nodes.get(activityId)?.scopeId !== walked.scopeId) {
      problems.error('BPMN_INVALID_BOUNDARY_EVENT', element, `is attached to '${activityId}', which is not in the same scope as the boundary event`);
    } else {
      attachedTo.set(walked.id, activityId);
      boundaryIds.set(activityId, [...(boundaryIds.get(activityId) ?? []), walked.id]);
    }
  }
  return { attachedTo, boundaryIds };
}

/**
 * A scope and its start events: a process needs at least one start event and at most one
 * none start event; an embedded subprocess needs exactly one none start event.
 */
function compileScope(scope: WalkedScope, walk: ScopeWalk, nodes: ReadonlyMap<string, FlowNode>, context: CompileContext): Scope {
  const isProcess = scope.parentId === undefined;
  const startIds = scope.childIds.filter((id) => walk.nodes.get(id)?.element.$type === 'bpmn:StartEvent');
  const noneStartIds = startIds.filter((id) => {
    const node = nodes.get(id);
    return node?.type === 'startEvent' && node.trigger.kind === 'none';
  });
  if (startIds.length === 0) {
    const text = isProcess ? 'a process needs at least one start event' : 'an embedded subprocess needs exactly one none start event';
    context.problems.error('BPMN_NO_START_EVENT', scope.element, text);
  }
  for (const extraId of noneStartIds.slice(1)) {
    const text = isProcess ? 'a process can have only one none start event' : 'an embedded subprocess has exactly one none start event';
    context.problems.error('BPMN_INVALID_EVENT', walk.nodes.get(extraId)?.element, text);
  }
  const noneStartId = noneStartIds[0];
  return {
    id: scope.id,
    ...(scope.parentId === undefined ? {} : { parentId: scope.parentId }),
    childIds: scope.childIds,
    ...(noneStartId === undefined ? {} : { noneStartId }),
  };
}
