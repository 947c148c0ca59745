/**
 * The transition rules of one kind of durable record (element instance, job, process
 * instance), answered from its xstate machine.
 *
 * A record persists only its state value: the machines carry no context, so the value
 * is the whole snapshot. The runtime asks `next`/`apply` for the state that follows an
 * event and writes it; it never decides legality itself.
 *
 * @typeParam S - the machine's state values (a string literal union)
 * @typeParam E - the machine's event types (a string literal union)
 */
export interface Lifecycle<S extends string, E extends string> {
  /** The machine's id (`elementInstance`, `job`, `processInstance`), used in errors. */
  readonly name: string;
  /** The state a new record starts in. */
  readonly initial: S;
  /** Every state, in the machine's declaration order (for schemas, docs, tests). */
  readonly states: readonly S[];
  /** Every event type some state accepts, in declaration order. */
  readonly events: readonly E[];
  /**
   * The state after `event` in `state`, or `undefined` when the machine does not
   * accept that event there. Throws `LIFECYCLE_UNKNOWN_STATE` /
   * `LIFECYCLE_UNKNOWN_EVENT` for values that are not part of the machine at all
   * (corrupt persisted data or a programming error, never a normal outcome).
   */
  next(state: S, event: E): S | undefined;
  /**
   * Like `next`, but an illegal event throws `ILLEGAL_TRANSITION`.
   *
   * @param what - names the record for the message, e.g. `job 42` or
   *   `element instance 17 (Task_1)`.
   */
  apply(state: S, event: E, what: string): S;
  /**
   * True when the state is final: the record's life is over and it accepts no event.
   * Throws `LIFECYCLE_UNKNOWN_STATE` for a value that is not a state.
   */
  isFinal(state: S): boolean;
}
