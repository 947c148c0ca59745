import type { MessageDefinition } from '../model/process-model.js';
import type { CompileContext } from './compile-context.js';
import { elementProp, stringProp } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';
import { extensionOf } from './zeebe-extensions.js';

/**
 * Read the message `holder.messageRef` names (`holder` is a messageEventDefinition or a
 * receiveTask), for `node`. The name may be an expression, except on start events: their
 * subscription opens at deploy time, before any variable exists. Everything but a start
 * event needs a `zeebe:subscription correlationKey` to find its instance.
 */
export function readMessage(node: ModdleElement, holder: ModdleElement, isStart: boolean, context: CompileContext): MessageDefinition | undefined {
  const message = elementProp(holder, 'messageRef');
  if (message === undefined) {
    // An unresolved messageRef was already reported as such.
    if (!context.unresolved.has(holder, 'messageRef')) {
      context.problems.error('BPMN_INVALID_MESSAGE', node, 'names no message (messageRef)');
    }
    return undefined;
  }
  const name = stringProp(message, 'name')?.trim() ?? '';
  if (name === '') {
    context.problems.error('BPMN_INVALID_MESSAGE', node, `the message '${message.id ?? ''}' has no name`);
    return undefined;
  }
  const messageName = context.valueSource(node, `the name of message '${message.id ?? ''}'`, name);
  if (messageName === undefined) return undefined;
  if (isStart) {
    if (messageName.kind === 'expression') {
      context.problems.error('BPMN_INVALID_MESSAGE', node, `a message start event needs a literal message name, not the expression '${name}'`);
      return undefined;
    }
    return { messageName };
  }
  const subscription = extensionOf(message, 'zeebe:Subscription');
  const key = subscription === undefined ? '' : (stringProp(subscription, 'correlationKey')?.trim() ?? '');
  if (key === '') {
    context.problems.error('BPMN_INVALID_MESSAGE', node, `the message '${message.id ?? ''}' needs a zeebe:subscription correlationKey to find the waiting instance`);
    return undefined;
  }
  const correlationKey = context.valueSource(node, `the correlationKey of message '${message.id ?? ''}'`, key);
  return correlationKey === undefined ? undefined : { messageName, correlationKey };
}
