/**
 * Lifecycles: which state follows which event for element instances, jobs and process
 * instances. xstate machines are the single source of truth; the runtime persists state
 * values and drives them through the memoized `Lifecycle` wrappers.
 */
export type { Lifecycle } from './lifecycle.js';
export { createLifecycle } from './create-lifecycle.js';
export type { StateOf, EventOf } from './create-lifecycle.js';
export { assertLifecycleMachine } from './assert-lifecycle-machine.js';
export { elementInstanceLifecycle, elementInstanceMachine } from './element-instance-lifecycle.js';
export type { ElementInstanceState, ElementInstanceEvent } from './element-instance-lifecycle.js';
export { jobLifecycle, jobMachine } from './job-lifecycle.js';
export type { JobState, JobEvent } from './job-lifecycle.js';
export { processInstanceLifecycle, processInstanceMachine } from './process-instance-lifecycle.js';
export type { ProcessInstanceState, ProcessInstanceEvent } from './process-instance-lifecycle.js';
