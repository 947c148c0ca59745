import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCamundaServer } from './camunda-server.js';
import type { CamundaServer } from './camunda-server.js';
import { DOUBLER, WAITER, deploy } from './fixtures.js';

describe('POST /v2/deployments', () => {
  let server: CamundaServer;
  beforeAll(async () => {
    server = await startCamundaServer();
  });
  afterAll(async () => server.close());

  it('deploys BPMN files into the org and answers in Camunda’s shape', async () => {
    const { status, body } = await deploy(server.url, server.tokens.defaultAdmin, { 'doubler.bpmn': DOUBLER, 'waiter.bpmn': WAITER });
    expect(status).toBe(200);
    expect(body).toEqual({
      deploymentKey: expect.stringMatching(/^\d+$/),
      tenantId: '<default>',
      deployments: [
        { processDefinition: { processDefinitionId: 'doubler', processDefinitionVersion: 1, processDefinitionKey: expect.stringMatching(/^\d+$/), resourceName: 'doubler.bpmn', tenantId: '<default>' } },
        { processDefinition: { processDefinitionId: 'waiter', processDefinitionVersion: 1, processDefinitionKey: expect.stringMatching(/^\d+$/), resourceName: 'waiter.bpmn', tenantId: '<default>' } },
      ],
    });
    const stored = await server.engine.store.findDefinition('default', 'doubler');
    expect(String(stored?.key)).toBe(body.deployments[0].processDefinition.processDefinitionKey);
  });

  it('keeps the version of an unchanged resource and adds one for a changed resource', async () => {
    const again = await deploy(server.url, server.tokens.defaultAdmin, { 'doubler.bpmn': DOUBLER });
    expect(again.body.deployments[0].processDefinition.processDefinitionVersion).toBe(1);
    const changed = await deploy(server.url, server.tokens.defaultAdmin, { 'doubler.bpmn': DOUBLER.replace('amount * 2', 'amount * 3') });
    expect(changed.body.deployments[0].processDefinition.processDefinitionVersion).toBe(2);
  });

  it('deploys into the org of the workspace a tenantId names', async () => {
    const { status, body } = await deploy(server.url, server.tokens.acmeAdmin, { 'waiter.bpmn': WAITER }, 'acme-lab');
    expect(status).toBe(200);
    expect(body.tenantId).toBe('acme-lab');
    expect(await server.engine.store.findDefinition('acme', 'waiter')).toBeDefined();
  });

  it('refuses invalid BPMN with 400 and every problem in the detail', async () => {
    const broken = DOUBLER.replace('targetRef="Double"', 'targetRef="Nowhere"');
    const { status, type, body } = await deploy(server.url, server.tokens.defaultAdmin, { 'broken.bpmn': broken });
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body).toMatchObject({ type: 'about:blank', title: 'INVALID_ARGUMENT', status: 400, code: 'DEPLOYMENT_INVALID', instance: '/v2/deployments' });
    expect(body.detail).toContain('Nowhere');
  });

  it('refuses DMN and form resources, and a body that is not multipart', async () => {
    const dmn = await deploy(server.url, server.tokens.defaultAdmin, { 'rules.dmn': '<definitions/>' });
    expect(dmn.status).toBe(400);
    expect(dmn.body.detail).toContain('rules.dmn');
    const json = await server.call('POST', '/v2/deployments', server.tokens.defaultAdmin, { resources: [] });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('REQUEST_INVALID');
  });

  it('refuses a file over the upload limit with 413', async () => {
    const huge = DOUBLER.replace('</bpmn:definitions>', `<!-- ${'x'.repeat(9 * 1024 * 1024)} --></bpmn:definitions>`);
    const { status, body } = await deploy(server.url, server.tokens.defaultAdmin, { 'huge.bpmn': huge });
    expect(status).toBe(413);
    expect(body).toMatchObject({ status: 413, title: 'PAYLOAD_TOO_LARGE' });
  });

  it('needs a token that may administer the org', async () => {
    const anonymous = await fetch(`${server.url}/v2/deployments`, { method: 'POST', body: new FormData() });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ status: 401, title: 'UNAUTHORIZED', code: 'UNAUTHENTICATED' });
    const workspace = await deploy(server.url, server.tokens.acmeOps, { 'waiter.bpmn': WAITER });
    expect(workspace.status).toBe(403);
    expect(workspace.body.code).toBe('FORBIDDEN');
    const foreign = await deploy(server.url, server.tokens.acmeAdmin, { 'waiter.bpmn': WAITER }, 'default');
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('WORKSPACE_NOT_FOUND');
  });
});
