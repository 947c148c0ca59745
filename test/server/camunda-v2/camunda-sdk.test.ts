import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCamundaServer } from './camunda-server.js';
import type { CamundaServer } from './camunda-server.js';
import { CHOOSER, DOUBLER, WAITER } from './fixtures.js';

/**
 * The real Camunda 8 JavaScript SDK (@camunda8/sdk, its REST client) against a running
 * Weft server: the settings below are all it needs — the REST address (the SDK appends
 * `/v2`) and a Weft API token as a static bearer token, so it never asks an OAuth server.
 */
function restClient(url: string, token: string, extra: Record<string, string> = {}) {
  const c8 = new Camunda8({
    ZEEBE_REST_ADDRESS: url,
    CAMUNDA_AUTH_STRATEGY: 'BEARER',
    CAMUNDA_OAUTH_TOKEN: token,
    CAMUNDA_LOG_LEVEL: 'error',
    ...extra,
  });
  return c8.getCamundaRestClient();
}

describe('@camunda8/sdk CamundaRestClient against Weft', () => {
  let server: CamundaServer;
  let files: string;
  beforeAll(async () => {
    server = await startCamundaServer();
    files = mkdtempSync(join(tmpdir(), 'weft-sdk-'));
    writeFileSync(join(files, 'doubler.bpmn'), DOUBLER);
    writeFileSync(join(files, 'waiter.bpmn'), WAITER);
    writeFileSync(join(files, 'chooser.bpmn'), CHOOSER);
  });
  afterAll(async () => {
    await server.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('reads a single-node topology', async () => {
    const topology = await restClient(server.url, server.tokens.defaultWorkspace).getTopology();
    expect(topology).toMatchObject({ clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: '8.8.0' });
    expect(topology.brokers).toHaveLength(1);
  });

  it('deploys files, starts instances, awaits a result', async () => {
    const admin = restClient(server.url, server.tokens.defaultAdmin);
    const deployment = await admin.deployResourcesFromFiles([join(files, 'doubler.bpmn'), join(files, 'waiter.bpmn')]);
    expect(deployment.processes.map((p) => p.processDefinitionId)).toEqual(['doubler', 'waiter']);
    expect(typeof deployment.deploymentKey).toBe('string');
    const doubler = deployment.processes[0]!;
    expect(doubler).toMatchObject({ processDefinitionVersion: 1, processDefinitionKey: expect.stringMatching(/^\d+$/) });
    // form-data (the SDK's multipart encoder) sends the file's base name.
    expect(doubler.resourceName).toBe('doubler.bpmn');

    const client = restClient(server.url, server.tokens.defaultWorkspace);
    const started = await client.createProcessInstance({ processDefinitionId: 'waiter', variables: { orderId: 'A-7' } });
    expect(started).toMatchObject({ processDefinitionId: 'waiter', processDefinitionVersion: 1, tenantId: 'default' });
    expect(started.processInstanceKey).toMatch(/^\d+$/);
    expect((await server.engine.store.getInstance(Number(started.processInstanceKey)))?.workspaceId).toBe('default');

    const result = await client.createProcessInstanceWithResult({ processDefinitionKey: doubler.processDefinitionKey, variables: { amount: 21 } });
    expect(result.variables).toEqual({ amount: 21, doubled: 42 });
    const picked = await client.createProcessInstanceWithResult({ processDefinitionId: 'doubler', variables: { amount: 5 }, fetchVariables: ['doubled'], requestTimeout: 5_000 });
    expect(picked.variables).toEqual({ doubled: 10 });
  });

  it('searches and cancels process instances', async () => {
    const client = restClient(server.url, server.tokens.defaultWorkspace);
    const started = await client.createProcessInstance({ processDefinitionId: 'waiter', variables: {} });
    const active = await client.searchProcessInstances({ filter: { processDefinitionKey: started.processDefinitionKey, state: 'ACTIVE' }, sort: [{ field: 'processInstanceKey', order: 'DESC' }] });
    expect(active.items[0]).toMatchObject({ processInstanceKey: started.processInstanceKey, state: 'ACTIVE', hasIncident: false, tenantId: 'default' });
    expect(active.page.totalItems).toBeGreaterThanOrEqual(1);
    await client.cancelProcessInstance({ processInstanceKey: started.processInstanceKey });
    const terminated = await client.searchProcessInstances({ filter: { processInstanceKey: started.processInstanceKey } });
    expect(terminated.items).toEqual([expect.objectContaining({ state: 'TERMINATED', endDate: expect.any(String) })]);
  });

  it('searches and resolves incidents', async () => {
    await restClient(server.url, server.tokens.defaultAdmin).deployResourcesFromFiles([join(files, 'chooser.bpmn')]);
    const client = restClient(server.url, server.tokens.defaultWorkspace);
    const started = await client.createProcessInstance({ processDefinitionId: 'chooser', variables: {} });
    const incidents = await client.searchIncidents({ filter: { processInstanceKey: started.processInstanceKey } });
    expect(incidents.items).toEqual([expect.objectContaining({ errorType: 'CONDITION_ERROR', state: 'ACTIVE', elementId: 'Which' })]);
    await server.engine.setVariables(started.processInstanceKey, { x: 1 });
    const response = await client.resolveIncident(incidents.items[0]!.incidentKey);
    expect(response.statusCode).toBe(204);
    const after = await client.searchProcessInstances({ filter: { processInstanceKey: started.processInstanceKey } });
    expect(after.items[0]).toMatchObject({ state: 'COMPLETED', hasIncident: false });
  });

  it('sends a tenantId when configured with one, and gets Camunda-shaped errors', async () => {
    const lab = restClient(server.url, server.tokens.acmeAdmin, { CAMUNDA_TENANT_ID: 'acme-lab' });
    const deployment = await lab.deployResourcesFromFiles([join(files, 'waiter.bpmn')]);
    expect(deployment.tenantId).toBe('acme-lab');
    const started = await lab.createProcessInstance({ processDefinitionId: 'waiter', variables: {} });
    expect(started.tenantId).toBe('acme-lab');

    const client = restClient(server.url, server.tokens.defaultWorkspace);
    const failure = await client.createProcessInstance({ processDefinitionId: 'no-such-process', variables: {} }).then(
      () => undefined,
      (error: unknown) => error as { statusCode?: number; response?: { statusCode: number; body: string } },
    );
    expect(failure?.response?.statusCode).toBe(404);
    expect(JSON.parse(failure!.response!.body)).toMatchObject({ type: 'about:blank', title: 'NOT_FOUND', status: 404, code: 'PROCESS_NOT_FOUND' });
    const denied = await restClient(server.url, 'weft_wrong-token-000000000000000').getTopology().then(
      () => undefined,
      (error: unknown) => error as { response?: { statusCode: number } },
    );
    expect(denied?.response?.statusCode).toBe(401);
  });
});
