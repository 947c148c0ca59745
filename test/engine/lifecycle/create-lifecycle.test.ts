import { describe, expect, it, vi } from 'vitest';
import { setup } from 'xstate';
import { WeftError } from '../../../core/index.js';
import { createLifecycle, jobLifecycle } from '../../../engine/lifecycle/index.js';

function caught(run: () => unknown): WeftError {
  try {
    run();
  } catch (error) {
    if (error instanceof WeftError) return error;
    throw error;
  }
  throw new Error('expected a WeftError');
}

const doorMachine = () =>
  setup({ types: { events: {} as { type: 'OPEN' | 'CLOSE' | 'BREAK' } } }).createMachine({
    id: 'door',
    initial: 'closed',
    states: {
      closed: { on: { OPEN: 'open', BREAK: 'broken' } },
      open: { on: { CLOSE: 'closed', BREAK: 'broken' } },
      broken: { type: 'final' },
    },
  });

describe('createLifecycle', () => {
  it('derives name, initial state, states and events from the machine', () => {
    const door = createLifecycle(doorMachine());
    expect(door.name).toBe('door');
    expect(door.initial).toBe('closed');
    expect(door.states).toEqual(['closed', 'open', 'broken']);
    expect([...door.events].sort()).toEqual(['BREAK', 'CLOSE', 'OPEN']);
    expect(Object.isFrozen(door) && Object.isFrozen(door.states) && Object.isFrozen(door.events)).toBe(true);
  });

  it('asks xstate once per (state, event) pair, then answers from the memo', () => {
    const machine = doorMachine();
    const resolve = vi.spyOn(machine, 'resolveState');
    const door = createLifecycle(machine);
    for (let i = 0; i < 5; i++) {
      expect(door.next('closed', 'OPEN')).toBe('open');
      expect(door.next('closed', 'CLOSE')).toBeUndefined();
    }
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('throws ILLEGAL_TRANSITION naming the record, state and event', () => {
    const error = caught(() => jobLifecycle.apply('completed', 'COMPLETE', 'job 42 (Task_pay)'));
    expect(error.code).toBe('ILLEGAL_TRANSITION');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe("job 42 (Task_pay): COMPLETE is not allowed in state 'completed' (job lifecycle)");
    expect(error.details).toEqual({ lifecycle: 'job', record: 'job 42 (Task_pay)', state: 'completed', event: 'COMPLETE' });
  });

  it('rejects values that are not part of the machine, without caching them', () => {
    const door = createLifecycle(doorMachine());
    const bogusState = 'ajar' as 'open';
    const bogusEvent = 'KICK' as 'OPEN';
    for (let i = 0; i < 2; i++) {
      expect(caught(() => door.next(bogusState, 'OPEN')).code).toBe('LIFECYCLE_UNKNOWN_STATE');
      expect(caught(() => door.apply(bogusState, 'OPEN', 'door 1')).code).toBe('LIFECYCLE_UNKNOWN_STATE');
      expect(caught(() => door.isFinal(bogusState)).code).toBe('LIFECYCLE_UNKNOWN_STATE');
      expect(caught(() => door.next('open', bogusEvent)).code).toBe('LIFECYCLE_UNKNOWN_EVENT');
    }
    expect(caught(() => door.next('__proto__' as 'open', 'OPEN')).code).toBe('LIFECYCLE_UNKNOWN_STATE');
  });

  it('refuses a machine whose answers a memo could not keep exact', () => {
    const guarded = setup({ types: { events: {} as { type: 'GO'; fast: boolean } } }).createMachine({
      id: 'guarded',
      initial: 'a',
      states: { a: { on: { GO: { target: 'b', guard: ({ event }) => event.fast } } }, b: {} },
    });
    expect(caught(() => createLifecycle(guarded)).code).toBe('LIFECYCLE_MACHINE_INVALID');
  });
});
