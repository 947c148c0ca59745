import { setup } from 'xstate';
import { createLifecycle } from './create-lifecycle.js';
import type { StateOf } from './create-lifecycle.js';

/**
 * What may happen to an element instance (one activation of a flow node or scope).
 *
 * - `ACTIVATE` / `COMPLETE` / `COMPLETED` — the normal path; `completing` is where
 *   output mappings run and outgoing flows are taken.
 * - `TERMINATE` / `TERMINATED` — cancellation, an interrupting event, or a scope ending.
 * - `RAISE_INCIDENT` — the step in progress failed (FEEL, mapping, no job retries…).
 * - `RETRY_ACTIVATING` / `RETRY_ACTIVATED` / `RETRY_COMPLETING` — an operator resolved
 *   the incident; the runtime picks the event from the phase the incident record says
 *   failed, so the machine needs no memory of it.
 */
export type ElementInstanceEvent =
  | 'ACTIVATE'
  | 'COMPLETE'
  | 'COMPLETED'
  | 'TERMINATE'
  | 'TERMINATED'
  | 'RAISE_INCIDENT'
  | 'RETRY_ACTIVATING'
  | 'RETRY_ACTIVATED'
  | 'RETRY_COMPLETING';

/**
 * The element instance machine (DESIGN.md §3). Flat and context-free: the persisted
 * state value is the whole snapshot. Drive it through `elementInstanceLifecycle`.
 */
export const elementInstanceMachine = setup({
  types: { events: {} as { type: ElementInstanceEvent } },
}).createMachine({
  id: 'elementInstance',
  initial: 'activating',
  states: {
    activating: {
      description: 'Input mappings and the entry behaviour of the element are being applied.',
      on: { ACTIVATE: 'activated', TERMINATE: 'terminating', RAISE_INCIDENT: 'incident' },
    },
    activated: {
      description: 'The element is waiting: for a job, a timer, a message, or its inner tokens.',
      on: { COMPLETE: 'completing', TERMINATE: 'terminating', RAISE_INCIDENT: 'incident' },
    },
    completing: {
      description: 'Output mappings are being applied and outgoing flows taken.',
      on: { COMPLETED: 'completed', TERMINATE: 'terminating', RAISE_INCIDENT: 'incident' },
    },
    completed: { type: 'final', description: 'Finished normally.' },
    terminating: {
      description: 'Being cancelled: its jobs, timers, subscriptions and children are being removed.',
      on: { TERMINATED: 'terminated' },
    },
    terminated: { type: 'final', description: 'Cancelled before it completed.' },
    incident: {
      description: 'Stopped on a failure; waits for an operator to resolve the incident or cancel.',
      on: {
        RETRY_ACTIVATING: 'activating',
        RETRY_ACTIVATED: 'activated',
        RETRY_COMPLETING: 'completing',
        TERMINATE: 'terminating',
      },
    },
  },
});

/** The states of an element instance, as persisted. */
export type ElementInstanceState = StateOf<typeof elementInstanceMachine>;

/** The memoized element instance lifecycle the runtime uses. */
export const elementInstanceLifecycle = createLifecycle(elementInstanceMachine);
