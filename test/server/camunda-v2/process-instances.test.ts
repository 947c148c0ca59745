import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCamundaServer } from './camunda-server.js';
import type { CamundaServer } from './camunda-server.js';
import { DOUBLER, WAITER, deploy } from './fixtures.js';

describe('/v2/process-instances', () => {
  let server: CamundaServer;
  let doublerKey: string;
  beforeAll(async () => {
    server = await startCamundaServer();
    const { body } = await deploy(server.url, server.tokens.defaultAdmin, { 'doubler.bpmn': DOUBLER, 'waiter.bpmn': WAITER });
    doublerKey = body.deployments[0].processDefinition.processDefinitionKey;
  });
  afterAll(async () => server.close());

  it('starts an instance by process id and answers without waiting', async () => {
    const { status, body } = await server.call('POST', '/v2/process-instances', server.tokens.defaultWorkspace, {
      processDefinitionId: 'waiter', variables: { orderId: 'A-1' }, tenantId: '<default>',
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      processDefinitionKey: expect.stringMatching(/^\d+$/), processDefinitionId: 'waiter', processDefinitionVersion: 1,
      processInstanceKey: expect.stringMatching(/^\d+$/), tenantId: 'default', variables: {},
    });
    const instance = await server.engine.store.getInstance(Number(body.processInstanceKey));
    expect(instance).toMatchObject({ workspaceId: 'default', orgId: 'default', state: 'active' });
  });

  it('starts by processDefinitionKey, and awaits completion with the variables asked for', async () => {
    const { status, body } = await server.call('POST', '/v2/process-instances', server.tokens.defaultWorkspace, {
      processDefinitionKey: doublerKey, variables: { amount: 21, note: 'x' }, awaitCompletion: true, fetchVariables: ['doubled'],
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ processDefinitionKey: doublerKey, processDefinitionId: 'doubler', variables: { doubled: 42 } });
    expect(body.variables).not.toHaveProperty('note');
    const all = await server.call('POST', '/v2/process-instances', server.tokens.defaultWorkspace, {
      processDefinitionId: 'doubler', processDefinitionVersion: -1, variables: { amount: 1 }, awaitCompletion: true,
    });
    expect(all.body.variables).toEqual({ amount: 1, doubled: 2 });
  });

  it('answers 504 when awaitCompletion runs out of time, and the instance keeps running', async () => {
    const { status, body } = await server.call('POST', '/v2/process-instances', server.tokens.defaultWorkspace, {
      processDefinitionId: 'waiter', awaitCompletion: true, requestTimeout: 200,
    });
    expect(status).toBe(504);
    expect(body).toMatchObject({ status: 504, title: 'DEADLINE_EXCEEDED', code: 'CAMUNDA_AWAIT_TIMEOUT' });
    const key = body.detail.match(/process instance (\d+)/)[1];
    expect((await server.engine.store.getInstance(Number(key)))?.state).toBe('active');
  });

  it('waits for outside input: a job completed while the request is open', async () => {
    const engine = server.engine;
    const pending = server.call('POST', '/v2/process-instances', server.tokens.defaultWorkspace, {
      processDefinitionId: 'waiter', variables: { n: 1 }, awaitCompletion: true, requestTimeout: 10_000,
    });
    // Other tests left `manual-step` jobs waiting: take them all, complete only this one's.
    let mine: { key: string } | undefined;
    for (let i = 0; i < 100 && !mine; i++) {
      const jobs = await engine.activateJobs({ type: 'manual-step', maxJobs: 100, timeoutMs: 60_000, worker: 'test' });
      mine = jobs.find((job) => job.variables.n === 1);
      if (!mine) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await engine.completeJob(mine!.key, { done: true });
    const { status, body } = await pending;
    expect(status).toBe(200);
    expect(body.variables).toEqual({ n: 1, done: true });
  });

  it('answers 409 to a request awaiting an instance that gets cancelled', async () => {
    const pending = server.call('POST', '/v2/process-instances', server.tokens.defaultWorkspace, {
      processDefinitionId: 'waiter', variables: { marker: 'cancel-me' }, awaitCompletion: true, requestTimeout: 10_000,
    });
    let key: number | undefined;
    for (let i = 0; i < 100 && key === undefined; i++) {
      const active = await server.engine.store.listInstances({ bpmnProcessId: 'waiter', state: 'active', limit: 100 });
      for (const instance of active) {
        const vars = await server.engine.store.instanceVariables(instance.key);
        if (vars.some((v) => v.name === 'marker')) key = instance.key;
      }
      if (key === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await server.call('POST', `/v2/process-instances/${key}/cancellation`, server.tokens.defaultWorkspace)).status).toBe(204);
    const { status, body } = await pending;
    expect(status).toBe(409);
    expect(body.code).toBe('CAMUNDA_INSTANCE_TERMINATED');
  });

  it('gets an instance by key, with Camunda’s state names', async () => {
    const created = await server.call('POST', '/v2/process-instances', server.tokens.defaultWorkspace, { processDefinitionId: 'doubler', variables: { amount: 2 }, awaitCompletion: true });
    const { status, body } = await server.call('GET', `/v2/process-instances/${created.body.processInstanceKey}`, server.tokens.defaultWorkspace);
    expect(status).toBe(200);
    expect(body).toEqual({
      processInstanceKey: created.body.processInstanceKey, processDefinitionKey: doublerKey, processDefinitionId: 'doubler',
      processDefinitionName: 'doubler', processDefinitionVersion: 1, state: 'COMPLETED', hasIncident: false, tenantId: 'default',
      startDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), endDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('cancels an active instance (204) and refuses to cancel an ended one (409)', async () => {
    const created = await server.call('POST', '/v2/process-instances', server.tokens.defaultWorkspace, { processDefinitionId: 'waiter' });
    const path = `/v2/process-instances/${created.body.processInstanceKey}/cancellation`;
    // Camunda's client sends `Content-Type: application/json` with `{}` or with no body at all.
    const first = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.tokens.defaultWorkspace}`, 'content-type': 'application/json' } });
    expect(first.status).toBe(204);
    const got = await server.call('GET', `/v2/process-instances/${created.body.processInstanceKey}`, server.tokens.defaultWorkspace);
    expect(got.body.state).toBe('TERMINATED');
    const again = await server.call('POST', path, server.tokens.defaultWorkspace, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ title: 'INVALID_STATE', code: 'PROCESS_INSTANCE_NOT_ACTIVE', instance: path });
  });

  it('answers 400 for bad requests and 404 for unknown processes and instances', async () => {
    const token = server.tokens.defaultWorkspace;
    const cases: [unknown, number, string][] = [
      [{}, 400, 'PROCESS_NOT_SPECIFIED'],
      [{ processDefinitionId: 'doubler', processDefinitionKey: doublerKey }, 400, 'REQUEST_INVALID'],
      [{ processDefinitionId: 'doubler', variables: [1, 2] }, 400, 'REQUEST_INVALID'],
      [{ processDefinitionId: 'doubler', startInstructions: [{ elementId: 'Double' }] }, 400, 'REQUEST_INVALID'],
      [{ processDefinitionKey: 'abc' }, 400, 'KEY_INVALID'],
      [{ processDefinitionId: 'nope' }, 404, 'PROCESS_NOT_FOUND'],
      [{ processDefinitionId: 'doubler', processDefinitionVersion: 9 }, 404, 'PROCESS_NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await server.call('POST', '/v2/process-instances', token, body);
      expect({ body, status: answer.status, code: answer.body.code }).toEqual({ body, status, code });
      expect(answer.type).toContain('application/problem+json');
    }
    expect((await server.call('GET', '/v2/process-instances/999999', token)).body.code).toBe('PROCESS_INSTANCE_NOT_FOUND');
    expect((await server.call('GET', '/v2/process-instances/x1', token)).status).toBe(400);
    const bad = await fetch(`${server.url}/v2/process-instances`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"processDefinitionId": ' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('REQUEST_INVALID');
    const unknownRoute = await server.call('GET', '/v2/user-tasks/1', token);
    expect(unknownRoute).toMatchObject({ status: 404, type: expect.stringContaining('application/problem+json'), body: { code: 'ROUTE_NOT_FOUND' } });
  });
});

describe('awaitCompletion and shutdown', () => {
  it('answers 504 at once when the server closes, instead of holding the shutdown', async () => {
    const server = await startCamundaServer();
    await deploy(server.url, server.tokens.defaultAdmin, { 'waiter.bpmn': WAITER });
    const startedAt = Date.now();
    const pending = server.call('POST', '/v2/process-instances', server.tokens.defaultWorkspace, {
      processDefinitionId: 'waiter', awaitCompletion: true, requestTimeout: 60_000,
    });
    for (let i = 0; i < 250 && (await server.engine.store.listInstances({ limit: 1 })).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const closed = server.close();
    const { status, body } = await pending;
    await closed;
    expect(status).toBe(504);
    expect(body.code).toBe('CAMUNDA_AWAIT_TIMEOUT');
    expect(body.detail).toContain('shut down');
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  });
});
