/**
 * engine/: BPMN → executable model, and the durable runtime (tokens, lifecycles, jobs,
 * timers, incidents, FEEL). Imports core/, models/ and connectors/ — never server/.
 */
export { Engine, parseKey } from './engine.js';
export type { EngineOptions, CreateInstance, CreatedInstance } from './engine.js';
export type { CommittedCommand } from './engine-events.js';
export type { DeployResource, DeploymentResult, DeployedProcess, DeploymentValidator } from './deploy/deployer.js';
export type { ActivatedJob, JobHandler, JobOutcome, JobHandlerRegistration, HistoryNote, LeasedJob } from './jobs/job-handler.js';
export { compileBpmn } from './bpmn/index.js';
export type { DeployProblem, CompileResult } from './bpmn/index.js';
export { compileFeel, assertFeelSandboxAvailable, disposeFeelSandbox } from './feel/index.js';
export type { ProcessModel } from './model/process-model.js';
export type { InstanceOutcome, InstanceStatus } from './queries/instance-outcome.js';
export { connectorJobHandler } from './connector-bridge/connector-job-handler.js';
