import { describe, expectTypeOf, it } from 'vitest';
import { processInstanceLifecycle, processInstanceMachine } from '../../../engine/lifecycle/index.js';
import type { ProcessInstanceEvent, ProcessInstanceState } from '../../../engine/lifecycle/index.js';
import { checkLifecycle } from './lifecycle-spec.js';

describe('process instance lifecycle', () => {
  it('exposes its states and events as string literal unions', () => {
    expectTypeOf<ProcessInstanceState>().toEqualTypeOf<'active' | 'completed' | 'terminated'>();
    expectTypeOf(processInstanceLifecycle.next).parameter(1).toEqualTypeOf<ProcessInstanceEvent>();
  });

  checkLifecycle<ProcessInstanceState, ProcessInstanceEvent>({
    lifecycle: processInstanceLifecycle,
    machine: processInstanceMachine,
    initial: 'active',
    finals: ['completed', 'terminated'],
    events: ['COMPLETE', 'TERMINATE'],
    table: {
      active: { COMPLETE: 'completed', TERMINATE: 'terminated' },
      completed: {},
      terminated: {},
    },
  });
});
