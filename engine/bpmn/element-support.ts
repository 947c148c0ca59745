import { NODE_TYPES } from './compile-flow-node.js';
import { booleanProp, elementProp, xmlName } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';

/** How the compiler treats one element of a process's `flowElements`. */
export type ElementRole =
  | { readonly role: 'node' }
  | { readonly role: 'flow' }
  /** Data objects and stores: drawn, not executed (Zeebe ignores them too). */
  | { readonly role: 'artefact' }
  | { readonly role: 'unsupported'; readonly reason: string };

const ARTEFACTS = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

const UNSUPPORTED_NAMES: Readonly<Record<string, string>> = {
  'bpmn:CallActivity': 'call activities',
  'bpmn:EventBasedGateway': 'event-based gateways',
  'bpmn:ComplexGateway': 'complex gateways',
  'bpmn:Transaction': 'transaction subprocesses',
  'bpmn:AdHocSubProcess': 'ad-hoc subprocesses',
};

/**
 * Decide what an element is. Everything Weft cannot run yet is named as unsupported —
 * never skipped — so a refused file lists every element standing in the way.
 */
export function roleOf(element: ModdleElement): ElementRole {
  const type = element.$type;
  if (type === 'bpmn:SequenceFlow') return { role: 'flow' };
  if (ARTEFACTS.has(type)) return { role: 'artefact' };
  const loop = elementProp(element, 'loopCharacteristics');
  if (loop !== undefined) {
    const what = loop.$type === 'bpmn:MultiInstanceLoopCharacteristics' ? 'multi-instance' : 'loop';
    return { role: 'unsupported', reason: `${what} ${xmlName(type)} (${xmlName(loop.$type)}) is not supported` };
  }
  if (booleanProp(element, 'isForCompensation') === true) {
    return { role: 'unsupported', reason: 'compensation handlers (isForCompensation) are not supported' };
  }
  if (type === 'bpmn:SubProcess' && booleanProp(element, 'triggeredByEvent') === true) {
    return { role: 'unsupported', reason: 'event subprocesses (triggeredByEvent) are not supported' };
  }
  if (NODE_TYPES.has(type)) return { role: 'node' };
  const name = UNSUPPORTED_NAMES[type];
  return { role: 'unsupported', reason: `${name ?? `${xmlName(type)} elements`} (${xmlName(type)}) are not supported` };
}
