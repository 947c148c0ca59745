import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import type { AnyStateMachine } from 'xstate';
import { WeftError } from '../../../core/index.js';
import {
  assertLifecycleMachine,
  elementInstanceMachine,
  jobMachine,
  processInstanceMachine,
} from '../../../engine/lifecycle/index.js';

function problemsOf(machine: AnyStateMachine): string[] {
  try {
    assertLifecycleMachine(machine);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(WeftError);
    expect((error as WeftError).code).toBe('LIFECYCLE_MACHINE_INVALID');
    return (error as WeftError).details.problems as string[];
  }
}

describe('assertLifecycleMachine', () => {
  it('accepts the three engine machines', () => {
    for (const machine of [elementInstanceMachine, jobMachine, processInstanceMachine]) {
      expect(problemsOf(machine)).toEqual([]);
    }
  });

  it.each([
    ['context', createMachine({ context: { n: 0 }, initial: 'a', states: { a: {} } }), 'the machine has context'],
    ['nested states', createMachine({ initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } }), "state 'a' is compound"],
    ['entry actions', createMachine({ initial: 'a', states: { a: { entry: () => undefined } } }), "state 'a' has entry/exit actions"],
    ['eventless transitions', createMachine({ initial: 'a', states: { a: { always: 'b' }, b: {} } }), "state 'a' has eventless transitions"],
    ['delayed transitions', createMachine({ initial: 'a', states: { a: { after: { 100: 'b' } }, b: {} } }), "state 'a' has delayed transitions"],
    ['wildcards', createMachine({ initial: 'a', states: { a: { on: { '*': 'b' } }, b: {} } }), "state 'a' on *: wildcard event descriptor"],
    ['targetless transitions', createMachine({ initial: 'a', states: { a: { on: { GO: {} } } } }), "state 'a' on GO: needs exactly one target"],
    ['transition actions', createMachine({ initial: 'a', states: { a: { on: { GO: { target: 'b', actions: () => undefined } } }, b: {} } }), "state 'a' on GO: has actions"],
    [
      'guards',
      createMachine({ initial: 'a', states: { a: { on: { GO: [{ target: 'b', guard: () => true }, { target: 'a' }] } }, b: {} } }),
      "state 'a' on GO: guarded",
    ],
  ])('rejects %s', (_name, machine, problem) => {
    expect(problemsOf(machine)).toContain(problem);
  });
});
