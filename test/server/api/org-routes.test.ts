import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, flow } from '../../support/bpmn.js';
import { ADMIN_TOKEN, bpmnForm, startApiServer } from '../support/api-server.js';
import type { ApiServer } from '../support/api-server.js';
import { waitingProcess } from '../support/tenants.js';

let t: ApiServer;
let orgAdmin: string;
let workspace: string;

beforeAll(async () => {
  t = await startApiServer();
  orgAdmin = (await t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role: 'org-admin', org: 'default' })).body.token;
  workspace = (await t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role: 'workspace', workspace: 'default' })).body.token;
});

afterAll(async () => {
  await t?.close();
});

/** A file with two problems: a flow to nowhere and an unsupported element. */
const broken = bpmn('broken', [
  '    <bpmn:startEvent id="Start" />',
  '    <bpmn:callActivity id="Call" />',
  flow('f1', 'Start', 'Nowhere'),
].join('\n'));

describe('deployments', () => {
  it('deploys several files at once; a changed process becomes a new version, an unchanged one keeps its own', async () => {
    const first = await t.call('POST', '/orgs/default/deployments', orgAdmin, bpmnForm({ 'a.bpmn': waitingProcess('proc-a'), 'b.bpmn': waitingProcess('proc-b') }));
    expect(first.status).toBe(201);
    expect(first.body.processes.map((p: { bpmnProcessId: string; version: number }) => `${p.bpmnProcessId}@${p.version}`)).toEqual(['proc-a@1', 'proc-b@1']);
    const again = await t.call('POST', '/orgs/default/deployments', orgAdmin, bpmnForm({ 'a.bpmn': waitingProcess('proc-a') }));
    expect(again.status).toBe(200);
    expect(again.body.processes[0]).toMatchObject({ version: 1, isNewVersion: false });
    const changed = await t.call('POST', '/orgs/default/deployments', orgAdmin, bpmnForm({ 'a.bpmn': waitingProcess('proc-a').replace('id="End"', 'id="Done"').replace("'End'", "'Done'").replace('targetRef="End"', 'targetRef="Done"') }));
    expect(changed.status).toBe(201);
    expect(changed.body.processes[0]).toMatchObject({ bpmnProcessId: 'proc-a', version: 2, isNewVersion: true });
  });

  it('is all or nothing: one broken file refuses the deployment and every problem is listed with resource, element and line', async () => {
    const answer = await t.call('POST', '/orgs/default/deployments', orgAdmin, bpmnForm({ 'good.bpmn': waitingProcess('proc-new'), 'broken.bpmn': broken }));
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('DEPLOYMENT_INVALID');
    const problems = answer.body.error.details.problems as { resource: string; elementId?: string; line?: number; code: string }[];
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.every((p) => p.resource === 'broken.bpmn')).toBe(true);
    expect(problems.some((p) => p.elementId === 'Call' && typeof p.line === 'number')).toBe(true);
    expect(problems.some((p) => p.elementId === 'f1')).toBe(true);
    const processes = await t.call('GET', '/orgs/default/processes', orgAdmin);
    expect(processes.body.items.map((p: { bpmnProcessId: string }) => p.bpmnProcessId)).not.toContain('proc-new');
  });

  it('refuses bodies that are not .bpmn files in the field resources', async () => {
    const txt = new FormData();
    txt.append('resources', new Blob(['hello']), 'notes.txt');
    expect((await t.call('POST', '/orgs/default/deployments', orgAdmin, txt)).body.error.code).toBe('REQUEST_INVALID');
    const field = new FormData();
    field.append('file', new Blob([waitingProcess('x')]), 'x.bpmn');
    expect((await t.call('POST', '/orgs/default/deployments', orgAdmin, field)).body.error.code).toBe('REQUEST_INVALID');
    expect((await t.call('POST', '/orgs/default/deployments', orgAdmin, new FormData())).body.error.code).toBe('DEPLOYMENT_EMPTY');
    const json = await t.call('POST', '/orgs/default/deployments', orgAdmin, { resources: [] });
    expect([json.status, json.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('lets org admins deploy, not workspace tokens (403), which may still read the processes', async () => {
    const refused = await t.call('POST', '/orgs/default/deployments', workspace, bpmnForm({ 'c.bpmn': waitingProcess('proc-c') }));
    expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const processes = await t.call('GET', '/orgs/default/processes', workspace);
    expect(processes.status).toBe(200);
    const a = processes.body.items.find((p: { bpmnProcessId: string }) => p.bpmnProcessId === 'proc-a');
    expect(a).toMatchObject({ latestVersion: 2 });
    expect(a.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('returns one version with its XML, 404 for a version that does not exist', async () => {
    const one = await t.call('GET', '/orgs/default/processes/proc-b/versions/1', workspace);
    expect(one.body).toMatchObject({ bpmnProcessId: 'proc-b', version: 1, resourceName: 'b.bpmn' });
    expect(one.body.xml).toBe(waitingProcess('proc-b'));
    const missing = await t.call('GET', '/orgs/default/processes/proc-b/versions/7', workspace);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'PROCESS_NOT_FOUND', description: 'process version not found' } });
  });
});

describe('org settings, workspaces and tokens', () => {
  it('sets, reads and removes the domain allowlist (org admins write, workspace tokens read)', async () => {
    expect((await t.call('GET', '/orgs/default/settings/integrations', workspace)).body).toEqual({ domain_allowlist: null });
    const set = await t.call('PUT', '/orgs/default/settings/integrations', orgAdmin, { domain_allowlist: ['api.hubapi.com', '*.Stripe.com', 'localhost:8443'] });
    expect(set.body).toEqual({ domain_allowlist: ['api.hubapi.com', '*.stripe.com', 'localhost:8443'] });
    expect((await t.call('GET', '/orgs/default/settings/integrations', workspace)).body.domain_allowlist).toHaveLength(3);
    expect((await t.call('PUT', '/orgs/default/settings/integrations', workspace, { domain_allowlist: [] })).status).toBe(403);
    expect((await t.call('PUT', '/orgs/default/settings/integrations', orgAdmin, { domain_allowlist: ['https://x.com/'] })).status).toBe(400);
    expect((await t.call('PUT', '/orgs/default/settings/integrations', orgAdmin, { domain_allowlist: null })).body).toEqual({ domain_allowlist: null });
  });

  it('creates workspaces with globally unique slugs', async () => {
    const created = await t.call('POST', '/orgs/default/workspaces', orgAdmin, { id: 'sales', displayName: 'Sales' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'sales', orgId: 'default', displayName: 'Sales' });
    await t.call('POST', '/admin/orgs', ADMIN_TOKEN, { id: 'other' });
    const taken = await t.call('POST', '/orgs/other/workspaces', ADMIN_TOKEN, { id: 'sales' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'WORKSPACE_EXISTS']);
    const list = await t.call('GET', '/orgs/default/workspaces', orgAdmin);
    expect(list.body.items.map((w: { id: string }) => w.id)).toEqual(['default', 'sales']);
    expect((await t.call('GET', '/orgs/default/workspaces', workspace)).status).toBe(403);
  });

  it('creates, lists and revokes tokens of its org; a revoked token stops working', async () => {
    const created = await t.call('POST', '/orgs/default/tokens', orgAdmin, { role: 'workspace-viewer', workspace: 'sales', label: 'dashboard' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'workspace-viewer', orgId: 'default', workspaceId: 'sales', label: 'dashboard' });
    expect((await t.call('GET', '/workspaces/sales/process-instances', created.body.token)).status).toBe(200);
    expect((await t.call('POST', '/orgs/default/tokens', orgAdmin, { role: 'platform-admin' })).status).toBe(400);
    expect((await t.call('POST', '/orgs/default/tokens', orgAdmin, { role: 'workspace', workspace: 'nowhere' })).status).toBe(404);
    const list = await t.call('GET', '/orgs/default/tokens', orgAdmin);
    expect(list.body.items.some((x: { id: string }) => x.id === created.body.id)).toBe(true);
    expect((await t.call('DELETE', `/orgs/default/tokens/${created.body.id}`, orgAdmin)).status).toBe(204);
    expect((await t.call('GET', '/workspaces/sales/process-instances', created.body.token)).status).toBe(401);
    expect((await t.call('DELETE', '/orgs/default/tokens/tok_nothing', orgAdmin)).status).toBe(404);
  });
});
