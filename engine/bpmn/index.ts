/**
 * BPMN at deploy time: XML in, immutable executable `ProcessModel`s out, or every problem
 * with element id and position. Nothing here runs a process.
 */
export { compileBpmn } from './compile-bpmn.js';
export type { CompileResult } from './compile-bpmn.js';
export { DEFAULT_COMPILE_LIMITS } from './compile-options.js';
export type { CompileOptions } from './compile-options.js';
export { DEPLOY_PROBLEM_CODES } from './deploy-problem.js';
export type { DeployProblem, DeployProblemCode } from './deploy-problem.js';
export { USER_TASK_JOB_TYPE } from './job-definition.js';
