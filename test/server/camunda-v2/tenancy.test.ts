import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCamundaServer } from './camunda-server.js';
import type { CamundaServer } from './camunda-server.js';
import { WAITER, deploy } from './fixtures.js';

/** How Camunda's tenantId maps to Weft workspaces, and what each role may do. */
describe('/v2 tenants and roles', () => {
  let server: CamundaServer;
  const start = (token: string, tenantId?: string) =>
    server.call('POST', '/v2/process-instances', token, { processDefinitionId: 'waiter', ...(tenantId === undefined ? {} : { tenantId }) });

  beforeAll(async () => {
    server = await startCamundaServer();
    await deploy(server.url, server.tokens.defaultAdmin, { 'waiter.bpmn': WAITER });
    await deploy(server.url, server.tokens.acmeAdmin, { 'waiter.bpmn': WAITER });
  });
  afterAll(async () => server.close());

  it('maps an absent tenantId and <default> to the token’s workspace, or `default` for admins', async () => {
    expect((await start(server.tokens.acmeOps)).body.tenantId).toBe('acme-ops');
    expect((await start(server.tokens.acmeOps, '<default>')).body.tenantId).toBe('acme-ops');
    expect((await start(server.tokens.defaultAdmin)).body.tenantId).toBe('default');
    expect((await start(server.tokens.platform, '<default>')).body.tenantId).toBe('default');
  });

  it('lets a tenantId name a workspace the token may write to', async () => {
    expect((await start(server.tokens.acmeAdmin, 'acme-lab')).body.tenantId).toBe('acme-lab');
    expect((await start(server.tokens.defaultAdmin, 'default-b')).body.tenantId).toBe('default-b');
    expect((await start(server.tokens.platform, 'acme-ops')).body.tenantId).toBe('acme-ops');
  });

  it('answers 404 for a workspace the token cannot see (whether or not it exists), 403 for read-only', async () => {
    const foreign = await start(server.tokens.acmeOps, 'acme-lab');
    expect(foreign).toMatchObject({ status: 404, body: { code: 'WORKSPACE_NOT_FOUND' } });
    const missing = await start(server.tokens.acmeOps, 'no-such-ws');
    expect(missing.body).toEqual({ ...foreign.body, instance: missing.body.instance });
    expect((await start(server.tokens.acmeAdmin, 'default')).status).toBe(404);
    // An org admin of another org has no `default` workspace: it must name one of its own.
    const acmeDefault = await start(server.tokens.acmeAdmin);
    expect(acmeDefault).toMatchObject({ status: 404, body: { code: 'WORKSPACE_NOT_FOUND' } });
    expect(acmeDefault.body.detail).toContain('tenantId');
    expect(await start(server.tokens.acmeViewer)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', title: 'FORBIDDEN' } });
    expect((await start(server.tokens.acmeOps, 42 as unknown as string)).status).toBe(404);
  });

  it('hides other tenants’ instances and incidents like unknown ones', async () => {
    const mine = await start(server.tokens.acmeOps);
    const key = mine.body.processInstanceKey;
    expect((await server.call('GET', `/v2/process-instances/${key}`, server.tokens.acmeViewer)).status).toBe(200);
    expect((await server.call('GET', `/v2/process-instances/${key}`, server.tokens.acmeAdmin)).status).toBe(200);
    expect((await server.call('GET', `/v2/process-instances/${key}`, server.tokens.platform)).status).toBe(200);
    const foreign = await server.call('GET', `/v2/process-instances/${key}`, server.tokens.defaultAdmin);
    expect(foreign).toMatchObject({ status: 404, body: { code: 'PROCESS_INSTANCE_NOT_FOUND' } });
    const cancel = await server.call('POST', `/v2/process-instances/${key}/cancellation`, server.tokens.defaultWorkspace, {});
    expect(cancel.status).toBe(404);
    expect((await server.call('POST', `/v2/process-instances/${key}/cancellation`, server.tokens.acmeViewer, {})).status).toBe(403);
    expect((await server.call('POST', `/v2/process-instances/${key}/cancellation`, server.tokens.acmeAdmin, {})).status).toBe(204);
  });

  it('narrows searches to what the token can see; tenantId filters accept <default>', async () => {
    const tenantsOf = async (token: string, filter: unknown = {}) => {
      const { body } = await server.call('POST', '/v2/process-instances/search', token, { filter, page: { limit: 1000 } });
      return [...new Set((body.items as { tenantId: string }[]).map((i) => i.tenantId))].sort();
    };
    expect(await tenantsOf(server.tokens.acmeOps)).toEqual(['acme-ops']);
    expect(await tenantsOf(server.tokens.acmeAdmin)).toEqual(['acme-lab', 'acme-ops']);
    expect(await tenantsOf(server.tokens.defaultAdmin)).toEqual(['default', 'default-b']);
    expect(await tenantsOf(server.tokens.platform)).toEqual(['acme-lab', 'acme-ops', 'default', 'default-b']);
    expect(await tenantsOf(server.tokens.platform, { tenantId: '<default>' })).toEqual(['default']);
    expect(await tenantsOf(server.tokens.acmeOps, { tenantId: { $in: ['<default>', 'default'] } })).toEqual(['acme-ops']);
    expect(await tenantsOf(server.tokens.acmeOps, { tenantId: 'default' })).toEqual([]);
  });

  it('requires a valid bearer token on every route, before reading the body', async () => {
    for (const [method, path] of [['GET', '/v2/topology'], ['POST', '/v2/process-instances'], ['POST', '/v2/incidents/search'], ['GET', '/v2/nothing-here']]) {
      for (const token of [undefined, 'weft_not-a-real-token-0000000000']) {
        const answer = await server.call(method!, path!, token, method === 'POST' ? { not: 'valid' } : undefined);
        expect({ path, token, status: answer.status, code: answer.body.code, type: answer.type }).toEqual({
          path, token, status: 401, code: 'UNAUTHENTICATED', type: expect.stringContaining('application/problem+json'),
        });
      }
    }
  });
});
