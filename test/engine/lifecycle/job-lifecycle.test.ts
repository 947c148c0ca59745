import { describe, expectTypeOf, it } from 'vitest';
import { jobLifecycle, jobMachine } from '../../../engine/lifecycle/index.js';
import type { JobEvent, JobState } from '../../../engine/lifecycle/index.js';
import { checkLifecycle } from './lifecycle-spec.js';

describe('job lifecycle', () => {
  it('exposes its states and events as string literal unions', () => {
    expectTypeOf<JobState>().toEqualTypeOf<
      'activatable' | 'activated' | 'backoff' | 'failed' | 'errorThrown' | 'completed' | 'errorCaught' | 'cancelled'
    >();
    expectTypeOf(jobLifecycle.next).parameter(1).toEqualTypeOf<JobEvent>();
  });

  checkLifecycle<JobState, JobEvent>({
    lifecycle: jobLifecycle,
    machine: jobMachine,
    initial: 'activatable',
    finals: ['completed', 'errorCaught', 'cancelled'],
    events: [
      'ACTIVATE', 'LEASE_EXPIRED', 'COMPLETE', 'FAIL_RETRY', 'FAIL_BACKOFF', 'FAIL_NO_RETRIES',
      'BACKOFF_ELAPSED', 'THROW_ERROR_CAUGHT', 'THROW_ERROR_UNCAUGHT', 'UPDATE_RETRIES', 'CANCEL',
    ],
    table: {
      activatable: {
        ACTIVATE: 'activated',
        COMPLETE: 'completed',
        THROW_ERROR_CAUGHT: 'errorCaught',
        THROW_ERROR_UNCAUGHT: 'errorThrown',
        CANCEL: 'cancelled',
      },
      activated: {
        LEASE_EXPIRED: 'activatable',
        COMPLETE: 'completed',
        FAIL_RETRY: 'activatable',
        FAIL_BACKOFF: 'backoff',
        FAIL_NO_RETRIES: 'failed',
        THROW_ERROR_CAUGHT: 'errorCaught',
        THROW_ERROR_UNCAUGHT: 'errorThrown',
        CANCEL: 'cancelled',
      },
      backoff: { BACKOFF_ELAPSED: 'activatable', CANCEL: 'cancelled' },
      failed: { UPDATE_RETRIES: 'activatable', CANCEL: 'cancelled' },
      errorThrown: { UPDATE_RETRIES: 'activatable', CANCEL: 'cancelled' },
      completed: {},
      errorCaught: {},
      cancelled: {},
    },
  });
});
