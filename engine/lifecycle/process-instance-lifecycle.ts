import { setup } from 'xstate';
import { createLifecycle } from './create-lifecycle.js';
import type { StateOf } from './create-lifecycle.js';

/**
 * What may happen to a process instance as a whole: it ends exactly once, by
 * completing (its last token consumed) or by being terminated (cancelled by an
 * operator, or ended by a terminate end event).
 */
export type ProcessInstanceEvent = 'COMPLETE' | 'TERMINATE';

/**
 * The process instance machine. Deliberately coarse:
 * - no `completing`/`terminating`: a command runs to a wait state in one transaction
 *   (DESIGN.md §2), so no persisted moment lies between "last element done" and
 *   "instance done"; the phases of the process scope itself are tracked by the
 *   element instance lifecycle;
 * - no `incident` state: an instance with open incidents is still `active`; APIs derive
 *   "INCIDENT" from the open incidents, which can come and go many times.
 */
export const processInstanceMachine = setup({
  types: { events: {} as { type: ProcessInstanceEvent } },
}).createMachine({
  id: 'processInstance',
  initial: 'active',
  states: {
    active: {
      description: 'Running: at least one token waits somewhere (possibly on an incident).',
      on: { COMPLETE: 'completed', TERMINATE: 'terminated' },
    },
    completed: { type: 'final', description: 'Every token reached an end.' },
    terminated: { type: 'final', description: 'Cancelled, or ended by a terminate end event.' },
  },
});

/** The states of a process instance, as persisted. */
export type ProcessInstanceState = StateOf<typeof processInstanceMachine>;

/** The memoized process instance lifecycle the runtime uses. */
export const processInstanceLifecycle = createLifecycle(processInstanceMachine);
