import { describe, expect, it } from 'vitest';
import { readWebhookConfig } from '../../../server/inbound/read-webhook-config.js';
import { elementTemplate } from './support/webhook-bpmn.js';

const TEMPLATES = ['webhook-connector-start-event.json', 'webhook-connector-start-message.json', 'webhook-connector-intermediate.json'];

/** Every `zeebe:property` the templates can write, and what Weft does with it. */
const READ = new Set([
  'inbound.type',
  'inbound.method',
  'inbound.context',
  'inbound.shouldValidateHmac',
  'inbound.hmacSecret',
  'inbound.hmacHeader',
  'inbound.hmacAlgorithm',
  'inbound.hmacScopes',
  'inbound.auth.type',
  'inbound.auth.username',
  'inbound.auth.password',
  'inbound.auth.apiKey',
  'inbound.auth.apiKeyLocator',
  'inbound.verificationExpression',
  'inbound.responseExpression',
  'activationCondition',
  'consumeUnmatchedEvents',
  'correlationKeyExpression',
  'messageIdExpression',
  'messageTtl',
  'resultVariable',
  'resultExpression',
]);
/** Written by Modeler, without effect here (docs/webhooks.md says why). */
const IGNORED = new Set([
  'inbound.auth.jwt.jwkUrl',
  'inbound.auth.jwt.permissionsExpression',
  'inbound.auth.jwt.requiredPermissions',
  'synchronousResponse',
  'correlationRequired',
  'deduplicationModeManualFlag',
  'deduplicationId',
  'deduplicationMode',
]);

describe('Camunda Modeler webhook templates', () => {
  for (const name of TEMPLATES) {
    const template = elementTemplate(name);
    const properties = template.properties.filter((p) => p.binding.type === 'zeebe:property');

    it(`${name}: every zeebe:property it writes is read or knowingly ignored`, () => {
      const unknown = properties.map((p) => p.binding.name!).filter((n) => !READ.has(n) && !IGNORED.has(n));
      expect(unknown).toEqual([]);
    });

    it(`${name}: the defaults Modeler writes make a valid webhook`, () => {
      // Unconditional properties with a default, as Modeler writes them on applying the template.
      const defaults: Record<string, string> = {};
      for (const p of properties) {
        if (p.value !== undefined && !('condition' in p)) defaults[p.binding.name!] = p.feel === 'required' && typeof p.value === 'string' ? `=${p.value}` : String(p.value);
      }
      const read = readWebhookConfig({ ...defaults, 'inbound.context': 'from-template', correlationKeyExpression: '=request.body.key' });
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      expect(read.config).toMatchObject({ webhookId: 'from-template', method: 'any', auth: { type: 'NONE' }, consumeUnmatchedEvents: true });
      expect(read.config.hmac).toBeUndefined();
      // The default result expression (with FEEL comments) compiles and maps the body.
      const result = read.config.resultExpression!.evaluate((n) => (n === 'request' ? { body: { a: 1 }, headers: {}, params: {} } : undefined));
      expect(result).toMatchObject({ ok: true, value: { myRequestBody: { a: 1 } } });
    });

    it(`${name}: every dropdown choice of method, HMAC switch, algorithm and auth type is understood`, () => {
      const choices = (property: string) => properties.find((p) => p.binding.name === property)!.choices!.map((c) => c.value);
      for (const method of choices('inbound.method')) expect(readWebhookConfig({ 'inbound.context': 'x', 'inbound.method': method }).ok, method).toBe(true);
      for (const algorithm of choices('inbound.hmacAlgorithm')) {
        const read = readWebhookConfig({ 'inbound.context': 'x', 'inbound.shouldValidateHmac': 'enabled', 'inbound.hmacSecret': 's', 'inbound.hmacHeader': 'h', 'inbound.hmacAlgorithm': algorithm });
        expect(read.ok, algorithm).toBe(true);
      }
      // JWT is the one choice Weft refuses, with a deployment problem (never a silent skip).
      expect(choices('inbound.auth.type')).toEqual(['NONE', 'BASIC', 'APIKEY', 'JWT']);
      expect(readWebhookConfig({ 'inbound.context': 'x', 'inbound.auth.type': 'JWT' })).toMatchObject({ ok: false });
    });
  }
});
