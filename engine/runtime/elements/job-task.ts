import type { ElementInstanceRecord, JobRecord } from '../../../models/index.js';
import { jobLifecycle } from '../../lifecycle/index.js';
import type { JobTask } from '../../model/process-model.js';
import type { Execution } from '../execution.js';
import { raiseIncident } from '../incidents.js';
import { evaluateSource } from '../mappings.js';
import { scopeLookup } from '../variable-scopes.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * Service, send, business-rule and script tasks with a task definition, and user tasks:
 * create a job and wait for a worker to complete it.
 */
export const jobTask: ElementBehavior = {
  activated(exec, ei, node) {
    createJob(exec, ei, node as JobTask);
  },
};

function createJob(exec: Execution, ei: ElementInstanceRecord, node: JobTask): void {
  const lookup = scopeLookup(exec.draft, ei.key);
  const type = evaluateSource(node.job.type, lookup);
  if (!type.ok) return raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', `${node.id}: job type ${type.message}`, 'behavior');
  if (typeof type.value !== 'string' || type.value.trim() === '') {
    const message = `${node.id}: expected the job type to be a non-empty string, got ${JSON.stringify(type.value)}`;
    return raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', message, 'behavior');
  }
  const retriesValue = evaluateSource(node.job.retries, lookup);
  if (!retriesValue.ok) return raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', `${node.id}: job retries ${retriesValue.message}`, 'behavior');
  const retries = Number(retriesValue.value);
  if (!Number.isInteger(retries) || retries < 0) {
    const message = `${node.id}: expected the job retries to be a non-negative integer, got ${JSON.stringify(retriesValue.value)}`;
    return raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', message, 'behavior');
  }
  const { instance } = exec.draft;
  const lease = exec.options.leaseOnCreate?.(type.value, node.job.headers);
  const job: JobRecord = {
    key: exec.draft.keys.next(),
    instanceKey: instance.key,
    elementInstanceKey: ei.key,
    elementId: node.id,
    bpmnProcessId: instance.bpmnProcessId,
    workspaceId: instance.workspaceId,
    orgId: instance.orgId,
    type: type.value,
    state: lease ? jobLifecycle.apply(jobLifecycle.initial, 'ACTIVATE', 'new job') : jobLifecycle.initial,
    retries,
    deadline: lease?.deadline ?? null,
    worker: lease?.worker ?? null,
    errorMessage: null,
    headers: JSON.stringify(node.job.headers),
    createdAt: exec.now,
  };
  exec.draft.addJob(job);
  exec.draft.record('JOB_CREATED', ei.key, node.id, { jobKey: job.key, type: job.type, retries });
}
