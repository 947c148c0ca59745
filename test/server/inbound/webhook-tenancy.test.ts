import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer } from './support/webhook-server.js';
import type { WebhookServer } from './support/webhook-server.js';
import { webhookStartProcess } from './support/webhook-bpmn.js';

let s: WebhookServer;
beforeAll(async () => {
  s = await startWebhookServer();
  await s.tenancy.orgs.create('acme');
  await s.tenancy.workspaces.create('acme-ops', 'acme');
  await s.tenancy.workspaces.create('acme-test', 'acme');
  await s.tenancy.orgs.create('globex');
  await s.tenancy.workspaces.create('globex-main', 'globex');
  await s.deploy(webhookStartProcess('acme-orders', { 'inbound.context': 'orders' }), 'acme');
  await s.deploy(webhookStartProcess('globex-orders', { 'inbound.context': 'orders', 'inbound.responseBodyExpression': '="globex"' }), 'globex');
  await s.deploy(webhookStartProcess('default-orders', { 'inbound.context': 'orders', 'inbound.responseBodyExpression': '="default"' }));
});
afterAll(async () => s?.close());

describe('webhook URLs and tenancy', () => {
  it('/inbound/:workspace/:id starts in that workspace, with the org that deployed the process', async () => {
    const answer = await s.post('/inbound/acme-ops/orders', {});
    expect(answer.status).toBe(200);
    const instance = await s.engine.store.getInstance(Number(answer.json.processInstanceKey));
    expect(instance).toMatchObject({ orgId: 'acme', workspaceId: 'acme-ops', bpmnProcessId: 'acme-orders' });
    const other = await s.post('/inbound/acme-test/orders', {});
    expect((await s.engine.store.getInstance(Number(other.json.processInstanceKey)))!.workspaceId).toBe('acme-test');
  });

  it('the same ID in another org is another webhook', async () => {
    expect((await s.post('/inbound/globex-main/orders', {})).text).toBe('globex');
  });

  it('/inbound/:id and /inbound/default/:id serve the default workspace (org default)', async () => {
    expect((await s.post('/inbound/orders', {})).text).toBe('default');
    expect((await s.post('/inbound/default/orders', {})).text).toBe('default');
    const keys = await s.instances();
    const last = await s.engine.store.getInstance(Number(keys[keys.length - 1]));
    expect(last).toMatchObject({ orgId: 'default', workspaceId: 'default' });
  });

  it('404 for an unknown workspace, or a webhook of another org', async () => {
    for (const path of ['/inbound/nowhere/orders', '/inbound/acme-ops/unknown', '/inbound/ACME-OPS/orders']) {
      const answer = await s.post(path, {});
      expect(answer.status, path).toBe(404);
      expect(answer.json.error.code).toBe('WEBHOOK_NOT_FOUND');
    }
  });
});
