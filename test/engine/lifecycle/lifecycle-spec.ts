import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import type { AnyStateMachine } from 'xstate';
import { isWeftError } from '../../../core/index.js';
import { createLifecycle } from '../../../engine/lifecycle/index.js';
import type { Lifecycle } from '../../../engine/lifecycle/index.js';

/**
 * The written specification of one lifecycle. `table` is the expected transition
 * table — every legal (state, event) pair and its target; any pair not listed must be
 * illegal. It lives only here, never in the library.
 */
export interface LifecycleSpec<S extends string, E extends string> {
  readonly lifecycle: Lifecycle<S, E>;
  readonly machine: AnyStateMachine;
  readonly initial: S;
  readonly finals: readonly S[];
  readonly events: readonly E[];
  readonly table: { readonly [state in S]: { readonly [event in E]?: S } };
}

/** xstate asked directly, with its own notion of "unhandled": the snapshot comes back unchanged. */
function rawNext(machine: AnyStateMachine, state: string, event: string): string | undefined {
  const before = machine.resolveState({ value: state, context: undefined });
  const [after] = transition(machine, before, { type: event });
  return after === before ? undefined : (after.value as string);
}

function reachable<S extends string>(from: S, edges: (state: S) => readonly S[]): Set<S> {
  const seen = new Set<S>([from]);
  for (const state of seen) for (const target of edges(state)) seen.add(target);
  return seen;
}

/** Registers the exhaustive checks of one lifecycle against its spec. */
export function checkLifecycle<S extends string, E extends string>(spec: LifecycleSpec<S, E>): void {
  const { lifecycle, machine, table } = spec;
  const states = Object.keys(table) as S[];
  const targets = (state: S): S[] => Object.values(table[state]) as S[];

  it('has exactly the specified states, events, initial state and final states', () => {
    expect(lifecycle.states).toEqual(states);
    expect([...lifecycle.events].sort()).toEqual([...spec.events].sort());
    expect(lifecycle.initial).toBe(spec.initial);
    expect(states.filter((s) => lifecycle.isFinal(s))).toEqual(spec.finals);
  });

  describe.each(states)('in state %s', (state) => {
    it.each(spec.events)('%s', (event) => {
      const expected = table[state][event];
      expect(lifecycle.next(state, event)).toBe(expected);
      if (expected !== undefined) {
        expect(lifecycle.apply(state, event, 'record 1')).toBe(expected);
      } else {
        let thrown: unknown;
        try {
          lifecycle.apply(state, event, 'record 1');
        } catch (error) {
          thrown = error;
        }
        expect(isWeftError(thrown) && thrown.code).toBe('ILLEGAL_TRANSITION');
      }
    });
  });

  it('final states accept no event, and every other state accepts some', () => {
    for (const state of states) {
      const accepted = spec.events.filter((e) => lifecycle.next(state, e) !== undefined);
      expect(accepted.length === 0, state).toBe(spec.finals.includes(state));
    }
  });

  it('reaches every state from the initial one, and a final state from every state', () => {
    expect([...reachable(spec.initial, targets)].sort()).toEqual([...states].sort());
    for (const state of states) {
      expect([...reachable(state, targets)].some((s) => spec.finals.includes(s)), state).toBe(true);
    }
  });

  it('restores every state from its persisted value (resolveState round-trip)', () => {
    for (const state of states) {
      const persisted = JSON.parse(JSON.stringify(state)) as string;
      const snapshot = machine.resolveState({ value: persisted, context: undefined });
      expect(snapshot.value).toBe(state);
      expect(snapshot.status).toBe(spec.finals.includes(state) ? 'done' : 'active');
    }
  });

  it('memoized answers equal xstate asked directly, cold and warm', () => {
    const fresh = createLifecycle(machine) as unknown as Lifecycle<S, E>;
    for (let round = 0; round < 2; round++) {
      for (const state of states) {
        for (const event of spec.events) {
          const raw = rawNext(machine, state, event);
          expect(fresh.next(state, event), `${state} × ${event}`).toBe(raw);
          expect(lifecycle.next(state, event), `${state} × ${event}`).toBe(raw);
        }
      }
    }
  });
}
