import { setup } from 'xstate';
import { createLifecycle } from './create-lifecycle.js';
import type { StateOf } from './create-lifecycle.js';

/**
 * What may happen to a job (the unit of work a service task hands to a worker).
 *
 * A worker's outcome that depends on data is split into distinct events so the machine
 * never looks at payloads: the runtime decides, then sends one of
 * - `FAIL_RETRY` (retries left, no backoff), `FAIL_BACKOFF` (retries left, wait first),
 *   `FAIL_NO_RETRIES` (retries exhausted → incident);
 * - `THROW_ERROR_CAUGHT` (a BPMN error some boundary event or event subprocess catches;
 *   the job is over) or `THROW_ERROR_UNCAUGHT` (nothing catches it → incident).
 *
 * `UPDATE_RETRIES` is what resolving a job incident sends: the job becomes activatable
 * again. `CANCEL` comes from outside (the element was terminated) and ends any live job.
 */
export type JobEvent =
  | 'ACTIVATE'
  | 'LEASE_EXPIRED'
  | 'COMPLETE'
  | 'FAIL_RETRY'
  | 'FAIL_BACKOFF'
  | 'FAIL_NO_RETRIES'
  | 'BACKOFF_ELAPSED'
  | 'THROW_ERROR_CAUGHT'
  | 'THROW_ERROR_UNCAUGHT'
  | 'UPDATE_RETRIES'
  | 'CANCEL';

/**
 * The job machine (DESIGN.md §4). `COMPLETE` and `THROW_ERROR_*` are accepted from
 * `activatable` too: a worker whose lease expired may still report (at-least-once);
 * `FAIL_*` is not, since the expiry already made the job available again.
 */
export const jobMachine = setup({
  types: { events: {} as { type: JobEvent } },
}).createMachine({
  id: 'job',
  initial: 'activatable',
  states: {
    activatable: {
      description: 'Waiting for a worker to lease it.',
      on: {
        ACTIVATE: 'activated',
        COMPLETE: 'completed',
        THROW_ERROR_CAUGHT: 'errorCaught',
        THROW_ERROR_UNCAUGHT: 'errorThrown',
        CANCEL: 'cancelled',
      },
    },
    activated: {
      description: 'Leased by a worker until its deadline.',
      on: {
        LEASE_EXPIRED: 'activatable',
        COMPLETE: 'completed',
        FAIL_RETRY: 'activatable',
        FAIL_BACKOFF: 'backoff',
        FAIL_NO_RETRIES: 'failed',
        THROW_ERROR_CAUGHT: 'errorCaught',
        THROW_ERROR_UNCAUGHT: 'errorThrown',
        CANCEL: 'cancelled',
      },
    },
    backoff: {
      description: 'Failed with retries left; not offered to workers until the backoff elapses.',
      on: { BACKOFF_ELAPSED: 'activatable', CANCEL: 'cancelled' },
    },
    failed: {
      description: 'Failed with no retries left; an incident is open.',
      on: { UPDATE_RETRIES: 'activatable', CANCEL: 'cancelled' },
    },
    errorThrown: {
      description: 'The worker threw a BPMN error nothing catches; an incident is open.',
      on: { UPDATE_RETRIES: 'activatable', CANCEL: 'cancelled' },
    },
    completed: { type: 'final', description: 'The worker completed it.' },
    errorCaught: { type: 'final', description: 'The worker threw a BPMN error that was caught.' },
    cancelled: { type: 'final', description: 'Withdrawn because its element instance ended.' },
  },
});

/** The states of a job, as persisted. */
export type JobState = StateOf<typeof jobMachine>;

/** The memoized job lifecycle the runtime uses. */
export const jobLifecycle = createLifecycle(jobMachine);
