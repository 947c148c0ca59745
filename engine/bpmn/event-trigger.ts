import type { EventTrigger } from '../model/process-model.js';
import type { CompileContext } from './compile-context.js';
import { elementList, elementProp, stringProp, withArticle, xmlName } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';
import { readMessage } from './message-definition.js';
import { readTimer } from './timer-definition.js';
import type { TimerKind } from './timer-definition.js';

/** What one kind of event may be triggered by. */
export interface TriggerRules {
  readonly kinds: readonly EventTrigger['kind'][];
  /** For timer triggers: which of duration, date and cycle. */
  readonly timerKinds?: readonly TimerKind[];
}

const KIND_OF_DEFINITION: Readonly<Record<string, EventTrigger['kind']>> = {
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:TerminateEventDefinition': 'terminate',
};

/**
 * Read the event definition of `event` into a trigger. No definition is a none trigger; a
 * definition Weft does not run (signal, escalation, compensation, link, conditional, a
 * message end event…) or several at once is reported as unsupported, naming the element.
 */
export function readTrigger(event: ModdleElement, rules: TriggerRules, context: CompileContext): EventTrigger | undefined {
  const definitions = elementList(event, 'eventDefinitions');
  const eventName = xmlName(event.$type);
  if (definitions.length > 1 || elementList(event, 'eventDefinitionRef').length > 0) {
    const what = definitions.length > 1 ? 'several event definitions on one event (multiple/parallel events)' : 'event definitions by reference (eventDefinitionRef)';
    context.problems.error('BPMN_UNSUPPORTED_ELEMENT', event, `${what} are not supported`);
    return undefined;
  }
  const definition = definitions[0];
  if (definition === undefined) {
    if (rules.kinds.includes('none')) return { kind: 'none' };
    context.problems.error('BPMN_INVALID_EVENT', event, `${withArticle(eventName)} needs an event definition (${rules.kinds.join(', ')})`);
    return undefined;
  }
  const kind = KIND_OF_DEFINITION[definition.$type];
  if (kind === undefined || !rules.kinds.includes(kind)) {
    const label = kind ?? xmlName(definition.$type).replace(/EventDefinition$/, '');
    context.problems.error('BPMN_UNSUPPORTED_ELEMENT', event, `${label} ${eventName} (${xmlName(definition.$type)}) is not supported`);
    return undefined;
  }
  switch (kind) {
    case 'timer': {
      const timer = readTimer(event, definition, rules.timerKinds ?? [], context);
      return timer === undefined ? undefined : { kind, timer };
    }
    case 'message': {
      const message = readMessage(event, definition, event.$type === 'bpmn:StartEvent', context);
      return message === undefined ? undefined : { kind, message };
    }
    case 'error':
      return readError(event, definition, context);
    default:
      return { kind };
  }
}

/**
 * An error end event throws a code (literal or expression) and must name one; an error
 * boundary event catches a literal code, or every error when it names none.
 */
function readError(event: ModdleElement, definition: ModdleElement, context: CompileContext): EventTrigger | undefined {
  const isThrow = event.$type === 'bpmn:EndEvent';
  const error = elementProp(definition, 'errorRef');
  if (error === undefined) {
    if (!isThrow) return { kind: 'error' };
    if (!context.unresolved.has(definition, 'errorRef')) {
      context.problems.error('BPMN_INVALID_ERROR', event, 'an error end event must name an error (errorRef) with an errorCode');
    }
    return undefined;
  }
  const code = stringProp(error, 'errorCode')?.trim() ?? '';
  const errorName = stringProp(error, 'name');
  const named = errorName === undefined ? {} : { errorName };
  if (code === '') {
    if (!isThrow) return { kind: 'error', ...named };
    context.problems.error('BPMN_INVALID_ERROR', event, `the error '${error.id ?? ''}' has no errorCode to throw`);
    return undefined;
  }
  const errorCode = context.valueSource(event, `the errorCode of error '${error.id ?? ''}'`, code);
  if (errorCode === undefined) return undefined;
  if (!isThrow && errorCode.kind === 'expression') {
    context.problems.error('BPMN_INVALID_ERROR', event, `an error boundary event catches a literal errorCode, not the expression '${code}'`);
    return undefined;
  }
  return { kind: 'error', errorCode, ...named };
}
