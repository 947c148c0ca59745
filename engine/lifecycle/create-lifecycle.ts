import { initialTransition, transition } from 'xstate';
import type { AnyStateMachine, EventFromLogic, StateValueFrom } from 'xstate';
import { WeftError } from '../../core/index.js';
import { assertLifecycleMachine } from './assert-lifecycle-machine.js';
import type { Lifecycle } from './lifecycle.js';

/** The state values of a flat lifecycle machine, as a string literal union. */
export type StateOf<M extends AnyStateMachine> = Extract<StateValueFrom<M>, string>;
/** The event types of a lifecycle machine, as a string literal union. */
export type EventOf<M extends AnyStateMachine> = EventFromLogic<M>['type'];

/** Cached answer for an illegal (state, event) pair; `undefined` means "not asked yet". */
const ILLEGAL = null;

/**
 * Wraps a flat, context-free xstate machine (checked by `assertLifecycleMachine`) as a
 * `Lifecycle` that answers from a memo.
 *
 * Every answer comes from xstate's pure API: the first time a (state, event) pair is
 * asked, the state is restored with `machine.resolveState({ value })`, legality is
 * `snapshot.can(event)` and the next state is the value `transition()` returns. The
 * answer is then cached — exact, because such a machine's transitions depend on
 * nothing but the pair. There is deliberately no hand-written table here: the machine
 * stays the single source of truth.
 */
export function createLifecycle<M extends AnyStateMachine>(machine: M): Lifecycle<StateOf<M>, EventOf<M>> {
  type S = StateOf<M>;
  type E = EventOf<M>;
  assertLifecycleMachine(machine);
  // Typed code below works on the erased machine; the public surface is typed by S and E.
  const logic: AnyStateMachine = machine;
  const name: string = machine.id;
  const states = Object.freeze(Object.keys(machine.root.states)) as readonly S[];
  const events = Object.freeze([...machine.root.events]) as readonly E[];
  const known = new Set<string>(events);
  const finals = new Set<string>(states.filter((s) => machine.root.states[s]?.type === 'final'));
  const initial = initialTransition(logic)[0].value as S;
  /** state → event → next state, or ILLEGAL; one row per known state, filled lazily. */
  const memo = new Map<string, Map<string, S | typeof ILLEGAL>>(states.map((s) => [s, new Map()]));

  function unknownState(state: S): WeftError {
    return new WeftError('LIFECYCLE_UNKNOWN_STATE', `'${String(state)}' is not a state of the ${name} lifecycle`, {
      details: { lifecycle: name, state, states },
    });
  }

  function derive(state: S, event: E): S | undefined {
    const row = memo.get(state);
    if (row === undefined) throw unknownState(state);
    if (!known.has(event)) {
      throw new WeftError('LIFECYCLE_UNKNOWN_EVENT', `'${String(event)}' is not an event of the ${name} lifecycle`, {
        details: { lifecycle: name, event, events },
      });
    }
    // Lifecycle machines carry no context (asserted above): the value is the snapshot.
    const before = logic.resolveState({ value: state, context: undefined });
    const answer = before.can({ type: event }) ? (transition(logic, before, { type: event })[0].value as S) : ILLEGAL;
    row.set(event, answer);
    return answer ?? undefined;
  }

  function next(state: S, event: E): S | undefined {
    const cached = memo.get(state)?.get(event);
    if (cached !== undefined) return cached ?? undefined;
    return derive(state, event);
  }

  return Object.freeze({
    name,
    initial,
    states,
    events,
    next,
    apply(state: S, event: E, what: string): S {
      const after = next(state, event);
      if (after !== undefined) return after;
      throw new WeftError(
        'ILLEGAL_TRANSITION',
        `${what}: ${event} is not allowed in state '${state}' (${name} lifecycle)`,
        { details: { lifecycle: name, record: what, state, event } },
      );
    },
    isFinal(state: S): boolean {
      if (finals.has(state)) return true;
      if (!memo.has(state)) throw unknownState(state);
      return false;
    },
  });
}
