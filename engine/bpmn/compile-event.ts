import type { BoundaryEvent, EndEvent, IntermediateCatchEvent, IntermediateThrowEvent, StartEvent } from '../model/process-model.js';
import type { CompileContext } from './compile-context.js';
import { readTrigger } from './event-trigger.js';
import type { TriggerRules } from './event-trigger.js';
import { elementList } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';
import type { NodeDraft } from './node-draft.js';
import { checkExtensions } from './zeebe-extensions.js';

/** The events Weft runs, by element type. */
export type CompiledEvent = StartEvent | EndEvent | IntermediateCatchEvent | IntermediateThrowEvent | BoundaryEvent;

// Which triggers each event allows, following Zeebe's timer and message rules.
const PROCESS_START: TriggerRules = { kinds: ['none', 'timer', 'message'], timerKinds: ['date', 'cycle'] };
const END: TriggerRules = { kinds: ['none', 'error', 'terminate'] };
const CATCH: TriggerRules = { kinds: ['timer', 'message'], timerKinds: ['duration', 'date'] };
const THROW: TriggerRules = { kinds: ['none'] };
const INTERRUPTING_BOUNDARY: TriggerRules = { kinds: ['error', 'timer', 'message'], timerKinds: ['duration', 'date'] };
const NON_INTERRUPTING_BOUNDARY: TriggerRules = { kinds: ['error', 'timer', 'message'], timerKinds: ['duration', 'date', 'cycle'] };

/** Compile a start, end, intermediate or boundary event; undefined when it has errors. */
export function compileEvent(element: ModdleElement, draft: NodeDraft, context: CompileContext): CompiledEvent | undefined {
  const { problems } = context;
  checkExtensions(element, [], context);
  switch (element.$type) {
    case 'bpmn:StartEvent': {
      if (draft.base.incoming.length > 0) problems.error('BPMN_INVALID_EVENT', element, 'a start event cannot have incoming sequence flows');
      if (draft.inSubprocess && elementList(element, 'eventDefinitions').length > 0) {
        // A triggered start inside a subprocess would make it an event subprocess.
        problems.error('BPMN_INVALID_EVENT', element, 'a start event inside a subprocess must be a none start event; message and timer start events are valid only at process level');
        return undefined;
      }
      const trigger = readTrigger(element, PROCESS_START, context);
      return trigger && { ...draft.base, type: 'startEvent', trigger };
    }
    case 'bpmn:EndEvent': {
      if (draft.base.outgoing.length > 0) problems.error('BPMN_INVALID_EVENT', element, 'an end event cannot have outgoing sequence flows');
      const trigger = readTrigger(element, END, context);
      return trigger && { ...draft.base, type: 'endEvent', trigger };
    }
    case 'bpmn:IntermediateCatchEvent': {
      const trigger = readTrigger(element, CATCH, context);
      return trigger && { ...draft.base, type: 'intermediateCatchEvent', trigger };
    }
    case 'bpmn:IntermediateThrowEvent': {
      const trigger = readTrigger(element, THROW, context);
      return trigger && { ...draft.base, type: 'intermediateThrowEvent', trigger };
    }
    default:
      return compileBoundaryEvent(element, draft, context);
  }
}

function compileBoundaryEvent(element: ModdleElement, draft: NodeDraft, context: CompileContext): BoundaryEvent | undefined {
  if (draft.base.incoming.length > 0) {
    context.problems.error('BPMN_INVALID_EVENT', element, 'a boundary event cannot have incoming sequence flows');
  }
  const interrupting = element['cancelActivity'] !== false;
  const trigger = readTrigger(element, interrupting ? INTERRUPTING_BOUNDARY : NON_INTERRUPTING_BOUNDARY, context);
  if (trigger === undefined || draft.attachedToId === undefined) return undefined;
  if (trigger.kind === 'error' && !interrupting) {
    context.problems.error('BPMN_INVALID_BOUNDARY_EVENT', element, 'an error boundary event is always interrupting (cancelActivity cannot be false)');
    return undefined;
  }
  return { ...draft.base, type: 'boundaryEvent', attachedToId: draft.attachedToId, interrupting, trigger };
}
