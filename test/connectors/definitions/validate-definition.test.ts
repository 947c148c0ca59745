import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../core/index.js';
import { checkDefinition, validateDefinition } from '../../../connectors/index.js';

const examplesDir = join(import.meta.dirname, '../../../examples/connectors');

/** Seed 004's own example, verbatim. */
const seedExample = {
  connector_id: 'salesforce',
  display_name: 'Salesforce',
  auth_type: 'api_key',
  auth_schema: { fields: [{ name: 'api_key', label: 'API Key', type: 'password', required: true }] },
  actions: [
    {
      action_id: 'create-contact',
      http_method: 'POST',
      url_template: 'https://api.salesforce.com/v1/contacts',
      body_schema: [{ name: 'Email', label: 'Email' }],
    },
  ],
  allowed_domains: ['*.salesforce.com'],
  enabled: true,
};

describe('connector definitions', () => {
  it('accepts the seed 004 example', () => {
    expect(validateDefinition(seedExample).connector_id).toBe('salesforce');
  });

  const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));
  it('has at least three examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)('examples/connectors/%s is valid', (file) => {
    const result = checkDefinition(JSON.parse(readFileSync(join(examplesDir, file), 'utf8')));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('reports every problem at once, each with its JSON path', () => {
    const broken = {
      ...seedExample,
      connector_id: 'Not A Slug',
      extra: 1,
      actions: [
        { action_id: 'a', http_method: 'FETCH', url_template: 'http://api.salesforce.com/x' },
        { action_id: 'b', http_method: 'GET' },
      ],
    };
    const result = checkDefinition(broken);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '$.connector_id', message: expect.stringContaining('pattern') },
        { path: '$.extra', message: 'is not an allowed property' },
        { path: '$.actions[0].http_method', message: 'must be one of GET, POST, PUT, PATCH, DELETE' },
        { path: '$.actions[0].url_template', message: expect.any(String) },
        { path: '$.actions[1].url_template', message: 'is required' },
      ]),
    );
  });

  it('throws CONNECTOR_DEFINITION_INVALID with details.problems', () => {
    try {
      validateDefinition({ ...seedExample, enabled: 'yes' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WeftError);
      expect((error as WeftError).code).toBe('CONNECTOR_DEFINITION_INVALID');
      expect((error as WeftError).details.problems).toEqual([{ path: '$.enabled', message: 'must be boolean' }]);
    }
  });

  it('checks what a schema cannot: hosts, placeholders in hosts, auth fields, duplicates', () => {
    const result = checkDefinition({
      ...seedExample,
      auth_type: 'basic',
      actions: [
        { action_id: 'x', http_method: 'GET', url_template: 'https://evil.example.com/x' },
        { action_id: 'x', http_method: 'GET', url_template: 'https://{{tenant}}.salesforce.com/x' },
        { action_id: 'y', http_method: 'GET', url_template: 'https://salesforce.com/x' },
        { action_id: 'z', http_method: 'GET', url_template: 'https://na1.salesforce.com:8443/x' },
      ],
    });
    const paths = result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(paths).toEqual([
      '$.actions[0].url_template: host evil.example.com is not in the connector\'s allowed_domains',
      '$.actions[1].action_id: duplicate action_id x',
      '$.actions[1].url_template: must be https://host/... with no placeholder or user info in the host',
      // The wildcard pins: *.salesforce.com does NOT cover salesforce.com itself.
      '$.actions[2].url_template: host salesforce.com is not in the connector\'s allowed_domains',
      '$.actions[3].url_template: port 8443 of na1.salesforce.com is not allowed (only 443 unless an allowlist entry names the port)',
      '$.auth_schema.fields: auth_type basic needs a field named username',
      '$.auth_schema.fields: auth_type basic needs a field named password',
    ]);
  });

  it('requires a token URL for OAuth', () => {
    const result = checkDefinition({
      ...seedExample,
      auth_type: 'oauth2_client_credentials',
      auth_schema: { fields: [{ name: 'client_id', label: 'Id', type: 'string' }, { name: 'client_secret', label: 'S', type: 'password' }] },
    });
    expect(result.ok ? [] : result.problems).toEqual([
      { path: '$.auth_options.token_url', message: 'auth_type oauth2_client_credentials needs auth_options.token_url or a token_url field' },
    ]);
  });
});
