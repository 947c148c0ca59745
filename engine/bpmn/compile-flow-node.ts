import type { FlowNode } from '../model/process-model.js';
import type { CompileContext } from './compile-context.js';
import { compileEvent } from './compile-event.js';
import { compileGateway } from './compile-gateway.js';
import { compileTask } from './compile-task.js';
import type { ModdleElement } from './moddle-element.js';
import type { NodeDraft } from './node-draft.js';
import { checkExtensions } from './zeebe-extensions.js';

/** The element types that compile to flow nodes; everything else is refused or ignored. */
export const NODE_TYPES = new Set([
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent',
  'bpmn:Task', 'bpmn:ManualTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask', 'bpmn:ScriptTask',
  'bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:ParallelGateway',
  'bpmn:SubProcess',
]);

/** Types a boundary event may be attached to. */
export const ACTIVITY_TYPES = new Set([
  'bpmn:Task', 'bpmn:ManualTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask', 'bpmn:ScriptTask',
  'bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:SubProcess', 'bpmn:CallActivity', 'bpmn:Transaction', 'bpmn:AdHocSubProcess',
]);

/**
 * Compile one element of {@link NODE_TYPES} into its flow node, given its place in the
 * graph. Returns undefined when the element has errors (they are reported).
 */
export function compileFlowNode(element: ModdleElement, draft: NodeDraft, context: CompileContext): FlowNode | undefined {
  switch (element.$type) {
    case 'bpmn:StartEvent':
    case 'bpmn:EndEvent':
    case 'bpmn:IntermediateCatchEvent':
    case 'bpmn:IntermediateThrowEvent':
    case 'bpmn:BoundaryEvent':
      return compileEvent(element, draft, context);
    case 'bpmn:ExclusiveGateway':
    case 'bpmn:InclusiveGateway':
    case 'bpmn:ParallelGateway':
      return compileGateway(element, draft, context);
    case 'bpmn:SubProcess':
      checkExtensions(element, [], context);
      return { ...draft.base, type: 'subProcess' };
    default:
      return compileTask(element, draft, context);
  }
}
