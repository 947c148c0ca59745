import { bpmn, flow, serviceTask } from '../../support/bpmn.js';
import type { ApiServer } from './api-server.js';
import { ADMIN_TOKEN, bpmnForm } from './api-server.js';

/**
 * Two tenants, each with what every route can name: org `default` (workspaces `default`
 * and `default-b`) and org `acme` (workspace `acme-ops`), a deployed process, an
 * instance waiting on a job, an instance with an open incident, a secret and a token.
 */
export interface Tenant {
  readonly org: string;
  readonly ws: string;
  readonly orgAdmin: string;
  readonly workspace: string;
  readonly viewer: string;
  readonly tokenId: string;
  readonly processId: string;
  readonly waitingKey: string;
  readonly incidentKey: string;
  readonly incidentInstanceKey: string;
  readonly secretName: string;
}

/** A process that waits on a job nobody takes (`manual-work`). */
export const waitingProcess = (id: string) =>
  bpmn(id, [
    '    <bpmn:startEvent id="Start" />',
    serviceTask('Work', 'manual-work'),
    '    <bpmn:endEvent id="End" />',
    flow('f1', 'Start', 'Work'),
    flow('f2', 'Work', 'End'),
  ].join('\n'));

/** A process whose gateway has no way out unless `amount > 10`: CONDITION_ERROR incident otherwise. */
export const gatewayProcess = (id: string) =>
  bpmn(id, [
    '    <bpmn:startEvent id="Start" />',
    '    <bpmn:exclusiveGateway id="Check" />',
    '    <bpmn:endEvent id="Big" />',
    flow('f1', 'Start', 'Check'),
    flow('f2', 'Check', 'Big', 'amount > 10'),
  ].join('\n'));

async function ok(promise: Promise<{ status: number; body: any; text: string }>, expected: number): Promise<any> {
  const answer = await promise;
  if (answer.status !== expected) throw new Error(`expected ${expected}, got ${answer.status}: ${answer.text}`);
  return answer.body;
}

/** Create (or reuse) an org's tenant fixtures through the API, as a platform admin would. */
export async function seedTenant(t: ApiServer, org: string, ws: string, prefix: string): Promise<Tenant> {
  if (org !== 'default') await ok(t.call('POST', '/admin/orgs', ADMIN_TOKEN, { id: org }), 201);
  if (ws !== 'default') await ok(t.call('POST', `/orgs/${org}/workspaces`, ADMIN_TOKEN, { id: ws }), 201);
  const token = async (role: string, workspace?: string) =>
    ok(t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role, org, ...(workspace ? { workspace } : {}), label: `${prefix}-${role}` }), 201);
  const orgAdmin = await token('org-admin');
  const workspace = await token('workspace', ws);
  const viewer = await token('workspace-viewer', ws);
  const processId = `${prefix}-waiting`;
  await ok(t.call('POST', `/orgs/${org}/deployments`, orgAdmin.token, bpmnForm({
    [`${processId}.bpmn`]: waitingProcess(processId),
    [`${prefix}-gateway.bpmn`]: gatewayProcess(`${prefix}-gateway`),
  })), 201);
  const waiting = await ok(t.call('POST', `/workspaces/${ws}/process-instances`, workspace.token, { bpmnProcessId: processId }), 201);
  const broken = await ok(t.call('POST', `/workspaces/${ws}/process-instances`, workspace.token, { bpmnProcessId: `${prefix}-gateway`, variables: { amount: 1 } }), 201);
  const incidents = await ok(t.call('GET', `/workspaces/${ws}/incidents?processInstanceKey=${broken.processInstanceKey}`, workspace.token), 200);
  const secretName = `${prefix.toUpperCase()}_SECRET`;
  await ok(t.call('PUT', `/workspaces/${ws}/secrets/${secretName}`, workspace.token, { value: `value-of-${prefix}` }), 204);
  return {
    org,
    ws,
    orgAdmin: orgAdmin.token,
    workspace: workspace.token,
    viewer: viewer.token,
    tokenId: workspace.id,
    processId,
    waitingKey: waiting.processInstanceKey,
    incidentKey: incidents.items[0].incidentKey,
    incidentInstanceKey: broken.processInstanceKey,
    secretName,
  };
}
