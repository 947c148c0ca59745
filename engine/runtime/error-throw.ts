import type { JsonObject } from '../../core/index.js';
import type { ElementInstanceRecord } from '../../models/index.js';
import type { BoundaryEvent } from '../model/process-model.js';
import type { Execution } from './execution.js';
import { evaluateSource } from './mappings.js';
import { terminate } from './termination.js';
import { scopeLookup } from './variable-scopes.js';

/** Where a thrown BPMN error is caught: the activity instance and its boundary event. */
export interface ErrorCatch {
  readonly activity: ElementInstanceRecord;
  readonly boundary: BoundaryEvent;
}

/**
 * Find the nearest error boundary event for `code`, from the throwing element instance
 * outward through its enclosing subprocesses. At each level a boundary event with the
 * same code wins over a catch-all one.
 */
export function findErrorCatch(exec: Execution, source: ElementInstanceRecord, code: string): ErrorCatch | undefined {
  let current: ElementInstanceRecord | undefined = source;
  while (current) {
    const node = exec.node(current.elementId);
    let catchAll: BoundaryEvent | undefined;
    for (const boundaryId of node.boundaryIds) {
      const boundary = exec.node(boundaryId) as BoundaryEvent;
      if (boundary.trigger.kind !== 'error') continue;
      if (boundary.trigger.errorCode === undefined) {
        catchAll ??= boundary;
        continue;
      }
      const expected = evaluateSource(boundary.trigger.errorCode, scopeLookup(exec.draft, current.flowScopeKey));
      if (expected.ok && String(expected.value) === code) return { activity: current, boundary };
    }
    if (catchAll) return { activity: current, boundary: catchAll };
    current = exec.draft.elements.get(current.flowScopeKey);
  }
  return undefined;
}

/** Interrupt the catching activity and continue at its error boundary event with the error's variables. */
export function catchError(exec: Execution, caught: ErrorCatch, code: string, message: string, variables: JsonObject): void {
  exec.draft.record('ERROR_CAUGHT', caught.activity.key, caught.boundary.id, { errorCode: code, errorMessage: message });
  terminate(exec, caught.activity);
  exec.enter(caught.boundary.id, caught.activity.flowScopeKey, undefined, variables);
}

/** The message Zeebe gives an uncaught error. */
export function uncaughtMessage(code: string, message: string): string {
  return (
    `Expected to throw an error event with the code '${code}'${message ? ` with message '${message}'` : ''}, ` +
    'but it was not caught. No error events are available in the scope.'
  );
}
