import { afterEach, describe, expect, it } from 'vitest';
import { WeftError } from '../../../core/index.js';
import { startWebhookServer } from './support/webhook-server.js';
import type { WebhookServer } from './support/webhook-server.js';
import { corpusFile, webhookCatchProcess, webhookStartProcess } from './support/webhook-bpmn.js';

let s: WebhookServer;
afterEach(async () => s?.close());

interface Problem {
  readonly code: string;
  readonly elementId?: string;
  readonly message: string;
}

/** The problems of a refused deployment. */
async function refusal(xml: string, orgId = 'default'): Promise<Problem[]> {
  const error = await s.deploy(xml, orgId).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WeftError);
  expect((error as WeftError).code).toBe('DEPLOYMENT_INVALID');
  return (error as WeftError).details.problems as Problem[];
}

describe('webhook deployment checks', () => {
  it('refuses an invalid or missing webhook ID', async () => {
    s = await startWebhookServer();
    for (const id of ['has space', 'double--dash', '-leading', 'trailing_', 'ünï', 'a/b']) {
      const [problem] = await refusal(webhookStartProcess('p', { 'inbound.context': id }));
      expect(problem).toMatchObject({ code: 'BPMN_INVALID_EVENT', elementId: 'webhookStart' });
      expect(problem!.message).toContain(`the webhook ID '${id}'`);
    }
    expect((await refusal(webhookStartProcess('p', {})))[0]!.message).toContain('inbound.context (the webhook ID) is missing');
    for (const id of ['a', 'A-1_b', 'my-webhook_2']) await s.deploy(webhookStartProcess(`ok-${id.toLowerCase().replace(/_/g, '-')}`, { 'inbound.context': id }));
  });

  it('refuses invalid FEEL in every FEEL property, all reported at once', async () => {
    s = await startWebhookServer();
    const feelProperties = [
      'activationCondition',
      'resultExpression',
      'inbound.responseExpression',
      'inbound.responseBodyExpression',
      'inbound.verificationExpression',
      'correlationKeyExpression',
      'messageIdExpression',
    ];
    const properties = Object.fromEntries(feelProperties.map((name) => [name, '={broken: ']));
    const problems = await refusal(webhookStartProcess('p', { 'inbound.context': 'feel', ...properties }));
    expect(problems.map((p) => p.code)).toEqual(feelProperties.map(() => 'FEEL_SYNTAX_ERROR'));
    for (const name of feelProperties) expect(problems.some((p) => p.message.includes(`${name} is not a valid FEEL expression`)), name).toBe(true);
    const locator = await refusal(webhookStartProcess('p', { 'inbound.context': 'k', 'inbound.auth.type': 'APIKEY', 'inbound.auth.apiKey': 'x', 'inbound.auth.apiKeyLocator': '=request.headers.(' }));
    expect(locator.map((p) => p.code)).toContain('FEEL_SYNTAX_ERROR');
  });

  it('refuses unsupported choices: method, HMAC algorithm and scopes, auth types, flags', async () => {
    s = await startWebhookServer();
    const cases: [Record<string, string>, string][] = [
      [{ 'inbound.method': 'patch' }, "inbound.method 'patch' is not supported"],
      [{ 'inbound.shouldValidateHmac': 'enabled', 'inbound.hmacSecret': 's', 'inbound.hmacHeader': 'h', 'inbound.hmacAlgorithm': 'md5' }, "inbound.hmacAlgorithm 'md5' is not supported"],
      [{ 'inbound.shouldValidateHmac': 'enabled', 'inbound.hmacHeader': 'h' }, 'inbound.hmacSecret is missing'],
      [{ 'inbound.shouldValidateHmac': 'enabled', 'inbound.hmacSecret': 's', 'inbound.hmacHeader': 'h', 'inbound.hmacScopes': '=["URL","BODY"]' }, 'only ["BODY"]'],
      [{ 'inbound.shouldValidateHmac': 'maybe' }, "inbound.shouldValidateHmac 'maybe' is not supported"],
      [{ 'inbound.auth.type': 'JWT' }, 'JWT is not supported'],
      [{ 'inbound.auth.type': 'OAUTH' }, "inbound.auth.type 'OAUTH' is not supported"],
      [{ 'inbound.auth.type': 'BASIC', 'inbound.auth.username': 'u' }, 'BASIC authorization needs'],
      [{ consumeUnmatchedEvents: 'yes' }, "consumeUnmatchedEvents 'yes' is not supported"],
      [{ 'inbound.replay.toleranceSeconds': '-5' }, 'inbound.replay.toleranceSeconds must be a whole number'],
      [{ 'inbound.replay.signTimestamp': 'enabled' }, 'signTimestamp needs HMAC validation'],
      [{ messageTtl: 'one hour' }, "messageTtl 'one hour' is not an ISO-8601 duration"],
    ];
    for (const [properties, text] of cases) {
      const problems = await refusal(webhookStartProcess('p', { 'inbound.context': 'choices', ...properties }));
      expect(problems.map((p) => p.message).join('\n'), text).toContain(text);
    }
    // Allowed spellings: any method in any case, HMAC scopes empty or ["BODY"].
    await s.deploy(webhookStartProcess('fine', {
      'inbound.context': 'fine',
      'inbound.method': 'POST',
      'inbound.shouldValidateHmac': 'enabled',
      'inbound.hmacSecret': 's',
      'inbound.hmacHeader': 'h',
      'inbound.hmacScopes': '=["BODY"]',
      messageTtl: 'PT1H',
    }));
  });

  it('refuses a webhook on an element that cannot have one, and a catch webhook without correlationKeyExpression', async () => {
    s = await startWebhookServer();
    const [noKey] = await refusal(webhookCatchProcess('p', 'msg', '=key', { 'inbound.context': 'catch' }));
    expect(noKey).toMatchObject({ code: 'BPMN_INVALID_MESSAGE', elementId: 'webhookCatch' });
    await s.deploy(webhookCatchProcess('p', 'msg', '=key', { 'inbound.context': 'catch', correlationKeyExpression: '=request.body.key' }));
  });

  it('refuses one webhook ID claimed by two processes of an org, naming the element and the other process', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookStartProcess('first', { 'inbound.context': 'shared' }));
    const [problem] = await refusal(webhookStartProcess('second', { 'inbound.context': 'shared' }));
    expect(problem).toMatchObject({ code: 'BPMN_DUPLICATE_ID', elementId: 'webhookStart' });
    expect(problem!.message).toBe(
      "'webhookStart' of process 'second': the webhook ID 'shared' is already used by element 'webhookStart' of process 'first'; webhook IDs are unique within an org",
    );
    // Two processes of one deployment, and two elements of one process.
    const both = await s.engine.deploy([
      { name: 'a.bpmn', xml: webhookStartProcess('a', { 'inbound.context': 'pair' }) },
      { name: 'b.bpmn', xml: webhookStartProcess('b', { 'inbound.context': 'pair' }) },
    ], { orgId: 'default' }).catch((e: WeftError) => e);
    expect((both as WeftError).message).toContain("the webhook ID 'pair' is already used by element 'webhookStart' of process 'a'");
    const twice = await refusal(corpusFile('multi-webhook-start-message.bpmn').replace('value="wh1"', 'value="wh0"'));
    expect(twice[0]!.message).toContain("already used by element 'wh-start-msg-1' of this process");
    // Another org may use the same ID.
    await s.deploy(webhookStartProcess('second', { 'inbound.context': 'shared' }), 'acme');
  });

  it('a new version of a process takes over its webhook; a version without it stops serving it', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookStartProcess('evolving', { 'inbound.context': 'evolving', 'inbound.responseBodyExpression': '="v1"' }));
    expect((await s.post('/inbound/evolving', {})).text).toBe('v1');
    await s.deploy(webhookStartProcess('evolving', { 'inbound.context': 'evolving', 'inbound.responseBodyExpression': '="v2"' }));
    const v2 = await s.post('/inbound/evolving', {});
    expect(v2.text).toBe('v2');
    const keys = await s.instances();
    expect((await s.engine.store.getInstance(Number(keys[1])))!.version).toBe(2);
    await s.deploy(webhookStartProcess('evolving', { 'inbound.context': 'renamed', 'inbound.responseBodyExpression': '="v3"' }));
    expect((await s.post('/inbound/evolving', {})).status).toBe(404);
    expect((await s.post('/inbound/renamed', {})).text).toBe('v3');
    // The freed ID can now be claimed by another process.
    await s.deploy(webhookStartProcess('newcomer', { 'inbound.context': 'evolving' }));
    expect((await s.post('/inbound/evolving', {})).status).toBe(200);
  });

  it('serves the webhooks of processes deployed before the server started', async () => {
    s = await startWebhookServer();
    // A second plugin instance on the same engine rebuilds its registry from latestProcesses().
    await s.deploy(webhookStartProcess('early', { 'inbound.context': 'early' }));
    const { default: Fastify } = await import('fastify');
    const { inboundRoutes } = await import('../../../server/inbound/index.js');
    const app = Fastify();
    await inboundRoutes(app, {
      engine: s.engine,
      connectors: s.connectors,
      tenancy: s.tenancy,
      logger: (await import('pino')).pino({ level: 'silent' }),
      metrics: { webhookRequest: () => undefined, connectorCall: () => undefined },
      env: {},
    });
    const answer = await app.inject({ method: 'POST', url: '/inbound/early', payload: {} });
    expect(answer.statusCode).toBe(200);
    await app.close();
  });

  it('deploys the corpus webhook files as Modeler wrote them', async () => {
    s = await startWebhookServer();
    for (const name of ['webhook_connector.bpmn', 'multi-webhook-start-message.bpmn', 'single-webhook-boundary.bpmn', 'single-webhook-subprocess.bpmn']) {
      const result = await s.deploy(corpusFile(name), 'default', name).catch((e: WeftError) => e);
      if (result instanceof WeftError) {
        // Only the engine's own coverage may refuse a corpus file, never a webhook check.
        const problems = result.details.problems as Problem[];
        expect(problems.filter((p) => p.code !== 'BPMN_UNSUPPORTED_ELEMENT'), name).toEqual([]);
        expect(problems.some((p) => /webhook/i.test(p.message)), name).toBe(false);
      }
    }
  });
});
