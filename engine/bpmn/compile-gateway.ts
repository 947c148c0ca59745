import type { Gateway } from '../model/process-model.js';
import type { CompileContext } from './compile-context.js';
import { elementProp, withArticle, xmlName } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';
import type { NodeDraft } from './node-draft.js';
import { checkExtensions } from './zeebe-extensions.js';

/**
 * Compile an exclusive, inclusive or parallel gateway, checking what Zeebe checks: at least
 * one outgoing flow; a default flow that leaves this gateway and has no condition; and,
 * when a decision has several ways out, a condition on each one that is not the default.
 */
export function compileGateway(element: ModdleElement, draft: NodeDraft, context: CompileContext): Gateway | undefined {
  const { base, flows } = draft;
  const { problems } = context;
  checkExtensions(element, [], context);
  if (base.outgoing.length === 0) {
    problems.error('BPMN_INVALID_GATEWAY', element, `${withArticle(xmlName(element.$type))} needs at least one outgoing sequence flow`);
    return undefined;
  }
  if (element.$type === 'bpmn:ParallelGateway') return { ...base, type: 'parallelGateway' };

  const type = element.$type === 'bpmn:ExclusiveGateway' ? 'exclusiveGateway' : 'inclusiveGateway';
  const defaultFlow = elementProp(element, 'default');
  const defaultFlowId = defaultFlow?.id;
  let valid = true;
  if (defaultFlowId !== undefined) {
    if (!base.outgoing.includes(defaultFlowId)) {
      problems.error('BPMN_INVALID_DEFAULT_FLOW', element, `the default flow '${defaultFlowId}' is not an outgoing flow of this gateway`);
      valid = false;
    } else if (flows.get(defaultFlowId)?.condition !== undefined) {
      problems.error('BPMN_INVALID_DEFAULT_FLOW', element, `the default flow '${defaultFlowId}' must not have a condition`);
      valid = false;
    }
  }
  if (base.outgoing.length > 1) {
    for (const flowId of base.outgoing) {
      const flow = flows.get(flowId);
      // A flow that failed to compile has its own problem already.
      if (flowId === defaultFlowId || flow === undefined || flow.condition !== undefined) continue;
      problems.error('BPMN_MISSING_CONDITION', element, `the outgoing flow '${flowId}' needs a condition (or must be the default flow): ${withArticle(type)} with several outgoing flows chooses by conditions`);
      valid = false;
    }
  }
  if (!valid) return undefined;
  return defaultFlowId === undefined ? { ...base, type } : { ...base, type, defaultFlowId };
}
