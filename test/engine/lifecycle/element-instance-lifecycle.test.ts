import { describe, expectTypeOf, it } from 'vitest';
import { elementInstanceLifecycle, elementInstanceMachine } from '../../../engine/lifecycle/index.js';
import type { ElementInstanceEvent, ElementInstanceState } from '../../../engine/lifecycle/index.js';
import { checkLifecycle } from './lifecycle-spec.js';

describe('element instance lifecycle', () => {
  it('exposes its states and events as string literal unions', () => {
    expectTypeOf<ElementInstanceState>().toEqualTypeOf<
      'activating' | 'activated' | 'completing' | 'completed' | 'terminating' | 'terminated' | 'incident'
    >();
    expectTypeOf(elementInstanceLifecycle.next).parameter(1).toEqualTypeOf<ElementInstanceEvent>();
  });

  checkLifecycle<ElementInstanceState, ElementInstanceEvent>({
    lifecycle: elementInstanceLifecycle,
    machine: elementInstanceMachine,
    initial: 'activating',
    finals: ['completed', 'terminated'],
    events: [
      'ACTIVATE', 'COMPLETE', 'COMPLETED', 'TERMINATE', 'TERMINATED',
      'RAISE_INCIDENT', 'RETRY_ACTIVATING', 'RETRY_ACTIVATED', 'RETRY_COMPLETING',
    ],
    table: {
      activating: { ACTIVATE: 'activated', TERMINATE: 'terminating', RAISE_INCIDENT: 'incident' },
      activated: { COMPLETE: 'completing', TERMINATE: 'terminating', RAISE_INCIDENT: 'incident' },
      completing: { COMPLETED: 'completed', TERMINATE: 'terminating', RAISE_INCIDENT: 'incident' },
      completed: {},
      terminating: { TERMINATED: 'terminated' },
      terminated: {},
      incident: {
        RETRY_ACTIVATING: 'activating',
        RETRY_ACTIVATED: 'activated',
        RETRY_COMPLETING: 'completing',
        TERMINATE: 'terminating',
      },
    },
  });
});
