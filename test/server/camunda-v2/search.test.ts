import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCamundaServer } from './camunda-server.js';
import type { CamundaServer } from './camunda-server.js';
import { CHOOSER, DOUBLER, WAITER, deploy } from './fixtures.js';

describe('POST /v2/process-instances/search', () => {
  let server: CamundaServer;
  const keys: Record<string, string[]> = { doubler: [], waiter: [], chooser: [] };
  const search = (body: unknown, token?: string) => server.call('POST', '/v2/process-instances/search', token ?? server.tokens.defaultWorkspace, body);

  beforeAll(async () => {
    server = await startCamundaServer();
    await deploy(server.url, server.tokens.defaultAdmin, { 'doubler.bpmn': DOUBLER, 'waiter.bpmn': WAITER, 'chooser.bpmn': CHOOSER });
    for (const [id, n] of [['doubler', 3], ['waiter', 4], ['chooser', 2]] as const) {
      for (let i = 0; i < n; i++) {
        const { body } = await server.call('POST', '/v2/process-instances', server.tokens.defaultWorkspace, { processDefinitionId: id, variables: { amount: i }, awaitCompletion: id === 'doubler' });
        keys[id]!.push(body.processInstanceKey);
      }
    }
    await server.call('POST', `/v2/process-instances/${keys.waiter![0]}/cancellation`, server.tokens.defaultWorkspace, {});
  });
  afterAll(async () => server.close());

  it('returns every visible instance with Camunda’s page block when the body is empty', async () => {
    const { status, body } = await search({});
    expect(status).toBe(200);
    expect(body.items).toHaveLength(9);
    expect(body.page).toEqual({ totalItems: 9, hasMoreTotalItems: false, startCursor: expect.any(String), endCursor: expect.any(String) });
    expect(body.items.map((i: { processInstanceKey: string }) => i.processInstanceKey)).toEqual([...keys.doubler!, ...keys.waiter!, ...keys.chooser!]);
  });

  it('filters by state, definition id and key, and the incident flag', async () => {
    const ids = (r: { body: { items: { processInstanceKey: string }[] } }) => r.body.items.map((i) => i.processInstanceKey);
    expect(ids(await search({ filter: { state: 'COMPLETED' } }))).toEqual(keys.doubler);
    expect(ids(await search({ filter: { state: 'TERMINATED' } }))).toEqual([keys.waiter![0]]);
    expect(ids(await search({ filter: { state: 'ACTIVE', processDefinitionId: 'waiter' } }))).toEqual(keys.waiter!.slice(1));
    expect(ids(await search({ filter: { state: 'SUSPENDED' } }))).toEqual([]);
    expect(ids(await search({ filter: { hasIncident: true } }))).toEqual(keys.chooser);
    const chooser = await search({ filter: { processDefinitionId: 'chooser' } });
    expect(chooser.body.items.every((i: { state: string; hasIncident: boolean }) => i.state === 'ACTIVE' && i.hasIncident)).toBe(true);
    const definitionKey = chooser.body.items[0].processDefinitionKey;
    expect(ids(await search({ filter: { processDefinitionKey: definitionKey } }))).toEqual(keys.chooser);
    expect(ids(await search({ filter: { processDefinitionKey: { $in: [definitionKey, '1'] } } }))).toEqual(keys.chooser);
  });

  it('understands advanced filters and $or', async () => {
    const ids = (r: { body: { items: { processInstanceKey: string }[] } }) => r.body.items.map((i) => i.processInstanceKey);
    expect(ids(await search({ filter: { processDefinitionId: { $like: 'wait*' }, state: { $neq: 'TERMINATED' } } }))).toEqual(keys.waiter!.slice(1));
    expect(ids(await search({ filter: { processDefinitionId: { $notIn: ['waiter', 'chooser'] } } }))).toEqual(keys.doubler);
    expect(ids(await search({ filter: { $or: [{ processDefinitionId: 'chooser' }, { state: 'TERMINATED' }] } }))).toEqual([keys.waiter![0], ...keys.chooser!]);
    expect(ids(await search({ filter: { endDate: { $exists: true } } }))).toEqual([...keys.doubler!, keys.waiter![0]]);
    expect(ids(await search({ filter: { startDate: { $gte: '2000-01-01T00:00:00Z', $lt: '2999-01-01T00:00:00Z' }, processDefinitionVersion: { $gte: 1 } } }))).toHaveLength(9);
    expect(ids(await search({ filter: { parentProcessInstanceKey: { $exists: false }, processInstanceKey: keys.doubler![1] } }))).toEqual([keys.doubler![1]]);
  });

  it('sorts and pages with from/limit and with the cursors it returned', async () => {
    const sorted = await search({ sort: [{ field: 'processDefinitionId', order: 'DESC' }, { field: 'processInstanceKey', order: 'DESC' }], page: { from: 0, limit: 4 } });
    expect(sorted.body.items.map((i: { processDefinitionId: string }) => i.processDefinitionId)).toEqual(['waiter', 'waiter', 'waiter', 'waiter']);
    expect(sorted.body.items[0].processInstanceKey).toBe(keys.waiter![3]);
    expect(sorted.body.page.totalItems).toBe(9);
    const first = await search({ page: { limit: 4 } });
    const second = await search({ page: { limit: 4, after: first.body.page.endCursor } });
    const third = await search({ page: { limit: 4, after: second.body.page.endCursor } });
    const all = [...first.body.items, ...second.body.items, ...third.body.items].map((i) => i.processInstanceKey);
    expect(all).toEqual([...keys.doubler!, ...keys.waiter!, ...keys.chooser!]);
    const back = await search({ page: { limit: 4, before: third.body.page.startCursor } });
    expect(back.body.items).toEqual(second.body.items);
    expect((await search({ page: { from: 8, limit: 4 } })).body.items).toHaveLength(1);
    expect((await search({ page: { from: 20 } })).body).toMatchObject({ items: [], page: { totalItems: 9, startCursor: null, endCursor: null } });
  });

  it('refuses what it cannot answer truthfully, with 400', async () => {
    for (const body of [
      { filter: { variables: [{ name: 'amount', value: '1' }] } },
      { filter: { state: { $gt: 'A' } } },
      { filter: { startDate: 'yesterday' } },
      { filter: { $or: { state: 'ACTIVE' } } },
      { sort: [{ field: 'nope' }] },
      { sort: [{ field: 'state', order: 'UP' }] },
      { page: { limit: -1 } },
      { page: { after: 'not-a-cursor' } },
      { page: { limit: 100_000 } },
    ]) {
      const answer = await search(body);
      expect({ body, status: answer.status, code: answer.body.code }).toEqual({ body, status: 400, code: 'REQUEST_INVALID' });
    }
  });
});

describe('/v2/incidents', () => {
  let server: CamundaServer;
  beforeAll(async () => {
    server = await startCamundaServer();
    await deploy(server.url, server.tokens.acmeAdmin, { 'chooser.bpmn': CHOOSER }, 'acme-ops');
    await deploy(server.url, server.tokens.defaultAdmin, { 'chooser.bpmn': CHOOSER });
  });
  afterAll(async () => server.close());

  it('finds an instance’s incident, resolves it, and the instance goes on', async () => {
    const created = await server.call('POST', '/v2/process-instances', server.tokens.acmeOps, { processDefinitionId: 'chooser', variables: {} });
    const key = created.body.processInstanceKey;
    const found = await server.call('POST', '/v2/incidents/search', server.tokens.acmeOps, { filter: { processInstanceKey: key, state: 'ACTIVE' } });
    expect(found.status).toBe(200);
    expect(found.body.page.totalItems).toBe(1);
    const incident = found.body.items[0];
    expect(incident).toEqual({
      incidentKey: expect.stringMatching(/^\d+$/), processDefinitionKey: created.body.processDefinitionKey, processDefinitionId: 'chooser',
      processInstanceKey: key, errorType: 'CONDITION_ERROR', errorMessage: expect.any(String), elementId: 'Which',
      elementInstanceKey: expect.stringMatching(/^\d+$/), creationTime: expect.stringMatching(/T/), state: 'ACTIVE', tenantId: 'acme-ops',
    });
    const path = `/v2/incidents/${incident.incidentKey}/resolution`;
    expect((await server.call('POST', path, server.tokens.acmeViewer, {})).status).toBe(403);
    expect((await server.call('POST', path, server.tokens.defaultAdmin, {})).status).toBe(404);
    await server.engine.setVariables(key, { x: 10 });
    // Camunda's client posts the resolution with a JSON content type and no body.
    const resolved = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.tokens.acmeOps}`, 'content-type': 'application/json' } });
    expect(resolved.status).toBe(204);
    const instance = await server.call('GET', `/v2/process-instances/${key}`, server.tokens.acmeOps);
    expect(instance.body).toMatchObject({ state: 'COMPLETED', hasIncident: false });
    const again = await server.call('POST', path, server.tokens.acmeOps, {});
    expect(again).toMatchObject({ status: 404, body: { code: 'INCIDENT_NOT_FOUND' } });
    const history = await server.call('POST', '/v2/incidents/search', server.tokens.acmeOps, { filter: { incidentKey: incident.incidentKey } });
    expect(history.body.items[0].state).toBe('RESOLVED');
  });

  it('shows each token only its tenants’ incidents', async () => {
    await server.call('POST', '/v2/process-instances', server.tokens.defaultWorkspace, { processDefinitionId: 'chooser' });
    await server.call('POST', '/v2/process-instances', server.tokens.acmeOps, { processDefinitionId: 'chooser' });
    const tenants = async (token: string, filter: unknown = { state: 'ACTIVE' }) =>
      ((await server.call('POST', '/v2/incidents/search', token, { filter })).body.items as { tenantId: string }[]).map((i) => i.tenantId);
    expect(await tenants(server.tokens.acmeOps)).toEqual(['acme-ops']);
    expect(await tenants(server.tokens.defaultWorkspace)).toEqual(['default']);
    expect((await tenants(server.tokens.platform)).sort()).toEqual(['acme-ops', 'default']);
    expect(await tenants(server.tokens.platform, { errorType: 'CONDITION_ERROR', tenantId: 'acme-ops', state: { $in: ['ACTIVE'] } })).toEqual(['acme-ops']);
    expect(await tenants(server.tokens.platform, { state: 'PENDING' })).toEqual([]);
    const sorted = await server.call('POST', '/v2/incidents/search', server.tokens.platform, { sort: [{ field: 'incidentKey', order: 'DESC' }], page: { limit: 1 } });
    expect(sorted.body).toMatchObject({ items: [{ tenantId: 'acme-ops' }], page: { totalItems: 3 } });
  });
});
