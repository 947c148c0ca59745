import type { DeployProblem, DeploymentValidator, Engine } from '../../engine/index.js';
import { processWebhooks } from './webhook-elements.js';

interface Claim {
  readonly bpmnProcessId: string;
  readonly elementId: string;
}

/**
 * The deployment check of webhooks: every webhook element's properties are valid (ID,
 * method, HMAC, auth, FEEL, replay settings) and no webhook ID of the org is claimed
 * twice — by two elements of the deployment, or by a deployed process other than the one
 * being redeployed (a new version of a process takes over its own IDs).
 */
export function webhookDeploymentValidator(engine: Engine): DeploymentValidator {
  return async ({ orgId, processes }) => {
    const problems: DeployProblem[] = [];
    const deploying = new Set(processes.map((p) => p.model.bpmnProcessId));
    const claims = new Map<string, Claim>();
    for (const { model } of await engine.latestProcesses(orgId)) {
      if (deploying.has(model.bpmnProcessId)) continue;
      for (const element of processWebhooks(model).elements) {
        claims.set(element.config.webhookId, { bpmnProcessId: model.bpmnProcessId, elementId: element.elementId });
      }
    }
    for (const { model } of processes) {
      const found = processWebhooks(model);
      problems.push(...found.problems);
      for (const element of found.elements) {
        const id = element.config.webhookId;
        const other = claims.get(id);
        if (other) {
          const owner = other.bpmnProcessId === model.bpmnProcessId ? 'this process' : `process '${other.bpmnProcessId}'`;
          problems.push({
            code: 'BPMN_DUPLICATE_ID',
            elementId: element.elementId,
            message: `'${element.elementId}' of process '${model.bpmnProcessId}': the webhook ID '${id}' is already used by element '${other.elementId}' of ${owner}; webhook IDs are unique within an org`,
          });
          continue;
        }
        claims.set(id, { bpmnProcessId: model.bpmnProcessId, elementId: element.elementId });
      }
    }
    return problems;
  };
}
