import { bpmn, element, flow, scriptTask, serviceTask } from '../../support/bpmn.js';

/** Completes at once: doubled = amount * 2. */
export const DOUBLER = bpmn(
  'doubler',
  [
    element('startEvent', 'Start'),
    scriptTask('Double', 'amount * 2', 'doubled'),
    element('endEvent', 'End'),
    flow('f1', 'Start', 'Double'),
    flow('f2', 'Double', 'End'),
  ].join('\n'),
);

/** Waits on a job of type `manual-step` that nothing works on. */
export const WAITER = bpmn(
  'waiter',
  [
    element('startEvent', 'Start'),
    serviceTask('Wait', 'manual-step'),
    element('endEvent', 'End'),
    flow('f1', 'Start', 'Wait'),
    flow('f2', 'Wait', 'End'),
  ].join('\n'),
);

/** An exclusive gateway on `x`: without `x` no flow matches → CONDITION_ERROR incident. */
export const CHOOSER = bpmn(
  'chooser',
  [
    element('startEvent', 'Start'),
    element('exclusiveGateway', 'Which'),
    element('endEvent', 'Big'),
    element('endEvent', 'Small'),
    flow('f1', 'Start', 'Which'),
    flow('f2', 'Which', 'Big', 'x > 5'),
    flow('f3', 'Which', 'Small', 'x <= 5'),
  ].join('\n'),
);

/** A multipart deployment body (Camunda's form: `resources` parts, optional `tenantId`). */
export function deploymentForm(files: Record<string, string>, tenantId?: string): FormData {
  const form = new FormData();
  for (const [name, xml] of Object.entries(files)) form.append('resources', new Blob([xml], { type: 'application/xml' }), name);
  if (tenantId !== undefined) form.append('tenantId', tenantId);
  return form;
}

/** POST a deployment; the parsed JSON answer. */
export async function deploy(url: string, token: string, files: Record<string, string>, tenantId?: string): Promise<{ status: number; type: string; body: any }> {
  const response = await fetch(`${url}/v2/deployments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: deploymentForm(files, tenantId) });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.json() };
}
