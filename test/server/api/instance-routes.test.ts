import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, flow, scriptTask } from '../../support/bpmn.js';
import { ADMIN_TOKEN, bpmnForm, startApiServer } from '../support/api-server.js';
import type { ApiServer } from '../support/api-server.js';
import { gatewayProcess, waitingProcess } from '../support/tenants.js';

let t: ApiServer;
let workspace: string;
let viewer: string;

const quick = bpmn('quick', [
  '    <bpmn:startEvent id="Start" />',
  scriptTask('Double', 'amount * 2', 'doubled'),
  '    <bpmn:endEvent id="End" />',
  flow('f1', 'Start', 'Double'),
  flow('f2', 'Double', 'End'),
].join('\n'));

beforeAll(async () => {
  t = await startApiServer();
  await t.call('POST', '/orgs/default/deployments', ADMIN_TOKEN, bpmnForm({ 'waiting.bpmn': waitingProcess('waiting'), 'gateway.bpmn': gatewayProcess('gateway'), 'quick.bpmn': quick }));
  workspace = (await t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role: 'workspace', workspace: 'default' })).body.token;
  viewer = (await t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role: 'workspace-viewer', workspace: 'default' })).body.token;
});

afterAll(async () => {
  await t?.close();
});

const start = async (bpmnProcessId: string, variables: Record<string, unknown> = {}) => {
  const answer = await t.call('POST', '/workspaces/default/process-instances', workspace, { bpmnProcessId, variables });
  expect(answer.status).toBe(201);
  return answer.body.processInstanceKey as string;
};

describe('process instances', () => {
  it('starts an instance; keys are strings', async () => {
    const answer = await t.call('POST', '/workspaces/default/process-instances', workspace, { bpmnProcessId: 'quick', variables: { amount: 21 } });
    expect(answer.body).toMatchObject({ bpmnProcessId: 'quick', version: 1, workspaceId: 'default' });
    expect(answer.body.processInstanceKey).toMatch(/^\d+$/);
    expect(answer.body.processDefinitionKey).toMatch(/^\d+$/);
    const detail = await t.call('GET', `/workspaces/default/process-instances/${answer.body.processInstanceKey}`, viewer);
    expect(detail.body).toMatchObject({ state: 'COMPLETED', hasIncident: false });
    expect(detail.body.variables[0]).toMatchObject({ elementId: 'quick', variables: { amount: 21, doubled: 42 } });
  });

  it('refuses unknown processes, bad bodies and viewers', async () => {
    const unknown = await t.call('POST', '/workspaces/default/process-instances', workspace, { bpmnProcessId: 'nothing' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'PROCESS_NOT_FOUND']);
    expect((await t.call('POST', '/workspaces/default/process-instances', workspace, { bpmnProcessId: 'quick', variables: [1] })).status).toBe(400);
    expect((await t.call('POST', '/workspaces/default/process-instances', workspace, { process: 'quick' })).status).toBe(400);
    expect((await t.call('POST', '/workspaces/default/process-instances', viewer, { bpmnProcessId: 'quick' })).status).toBe(403);
  });

  it('shows where the tokens are, variables by scope, jobs and history', async () => {
    const key = await start('waiting', { order: { id: 7 } });
    const detail = await t.call('GET', `/workspaces/default/process-instances/${key}`, viewer);
    expect(detail.body).toMatchObject({ processInstanceKey: key, state: 'ACTIVE', hasIncident: false, endedAt: null });
    expect(detail.body.elementInstances).toEqual([expect.objectContaining({ elementId: 'Work', elementType: 'serviceTask', state: 'activated' })]);
    expect(detail.body.jobs).toEqual([expect.objectContaining({ type: 'manual-work', state: 'activatable', elementId: 'Work' })]);
    expect(detail.body.variables).toEqual([{ scopeKey: key, elementId: 'waiting', variables: { order: { id: 7 } } }]);
    expect(detail.body.history.map((h: { type: string }) => h.type)).toContain('JOB_CREATED');
    expect(detail.body.history[0]).toMatchObject({ type: 'PROCESS_INSTANCE_CREATED' });
  });

  it('sets variables (root or one scope), then cancels once (409 the second time)', async () => {
    const key = await start('waiting');
    const patched = await t.call('PATCH', `/workspaces/default/process-instances/${key}/variables`, workspace, { variables: { note: 'checked' } });
    expect(patched.status).toBe(200);
    expect(patched.body.variables[0].variables).toEqual({ note: 'checked' });
    const element = (await t.call('GET', `/workspaces/default/process-instances/${key}`, viewer)).body.elementInstances[0].elementInstanceKey;
    const local = await t.call('PATCH', `/workspaces/default/process-instances/${key}/variables`, workspace, { variables: { step: 1 }, scopeKey: element, local: true });
    expect(local.body.variables).toContainEqual({ scopeKey: element, elementId: 'Work', variables: { step: 1 } });
    const badScope = await t.call('PATCH', `/workspaces/default/process-instances/${key}/variables`, workspace, { variables: { x: 1 }, scopeKey: '999999' });
    expect([badScope.status, badScope.body.error.code]).toEqual([400, 'SCOPE_NOT_FOUND']);
    const cancelled = await t.call('POST', `/workspaces/default/process-instances/${key}/cancel`, workspace);
    expect(cancelled.body).toMatchObject({ processInstanceKey: key, state: 'TERMINATED' });
    const again = await t.call('POST', `/workspaces/default/process-instances/${key}/cancel`, workspace);
    expect([again.status, again.body.error.code]).toEqual([409, 'PROCESS_INSTANCE_NOT_ACTIVE']);
    expect((await t.call('PATCH', `/workspaces/default/process-instances/${key}/variables`, workspace, { variables: { x: 1 } })).status).toBe(409);
  });

  it('lists with filters and cursor paging', async () => {
    for (let i = 0; i < 3; i++) await start('quick', { amount: i });
    const page1 = await t.call('GET', '/workspaces/default/process-instances?bpmnProcessId=quick&limit=2', viewer);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toBe(page1.body.items[1].processInstanceKey);
    const page2 = await t.call('GET', `/workspaces/default/process-instances?bpmnProcessId=quick&limit=2&cursor=${page1.body.nextCursor}`, viewer);
    const keys = [...page1.body.items, ...page2.body.items].map((i: { processInstanceKey: string }) => i.processInstanceKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    const all = (await t.call('GET', '/workspaces/default/process-instances?limit=500', viewer)).body.items;
    const completed = (await t.call('GET', '/workspaces/default/process-instances?state=COMPLETED&limit=500', viewer)).body.items;
    expect(completed.length).toBe(all.filter((i: { state: string }) => i.state === 'COMPLETED').length);
    const future = await t.call('GET', '/workspaces/default/process-instances?startedFrom=2999-01-01T00:00:00Z', viewer);
    expect(future.body).toEqual({ items: [], nextCursor: null });
    expect((await t.call('GET', '/workspaces/default/process-instances?state=DONE', viewer)).status).toBe(400);
    expect((await t.call('GET', '/workspaces/default/process-instances?startedFrom=yesterday', viewer)).status).toBe(400);
  });
});

describe('incidents and jobs', () => {
  it('lists an open incident, filters instances by it, resolves it with new variables and the instance completes', async () => {
    const key = await start('gateway', { amount: 1 });
    const incidents = await t.call('GET', `/workspaces/default/incidents?processInstanceKey=${key}`, viewer);
    expect(incidents.body.items).toEqual([expect.objectContaining({ processInstanceKey: key, elementId: 'Check', type: 'CONDITION_ERROR', state: 'ACTIVE' })]);
    const withIncident = await t.call('GET', '/workspaces/default/process-instances?hasIncident=true', viewer);
    expect(withIncident.body.items.map((i: { processInstanceKey: string }) => i.processInstanceKey)).toContain(key);
    expect(withIncident.body.items.every((i: { hasIncident: boolean }) => i.hasIncident)).toBe(true);
    const incidentKey = incidents.body.items[0].incidentKey;
    expect((await t.call('POST', `/workspaces/default/incidents/${incidentKey}/resolve`, viewer, {})).status).toBe(403);
    const resolved = await t.call('POST', `/workspaces/default/incidents/${incidentKey}/resolve`, workspace, { variables: { amount: 50 } });
    expect(resolved.body).toMatchObject({ incidentKey, state: 'RESOLVED' });
    expect((await t.call('GET', `/workspaces/default/process-instances/${key}`, viewer)).body).toMatchObject({ state: 'COMPLETED', hasIncident: false });
    const history = await t.call('GET', `/workspaces/default/incidents?state=RESOLVED&processInstanceKey=${key}`, viewer);
    expect(history.body.items).toHaveLength(1);
    const twice = await t.call('POST', `/workspaces/default/incidents/${incidentKey}/resolve`, workspace, {});
    expect(twice.status).toBe(404);
  });

  it('lists unfinished jobs of the workspace', async () => {
    await start('waiting');
    const jobs = await t.call('GET', '/workspaces/default/jobs?type=manual-work', viewer);
    expect(jobs.body.items.length).toBeGreaterThan(0);
    expect(jobs.body.items[0]).toMatchObject({ type: 'manual-work', state: 'activatable', elementId: 'Work', retries: 3 });
    expect((await t.call('GET', '/workspaces/default/jobs?state=activated', viewer)).body.items).toEqual([]);
  });
});
