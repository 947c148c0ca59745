import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../core/index.js';
import { createTestRuntime, job, stubLookup } from '../support/test-runtime.js';
import type { TestRuntime } from '../support/test-runtime.js';
import { json, startTestServer } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';
import { createTlsFixture } from '../support/tls-fixtures.js';

/** Camunda Modeler's REST connector template: the contract for the input names. */
const templatePath = join(import.meta.dirname, '../../fixtures/corpus/element-templates/http-json-connector.json');

interface TemplateProperty {
  readonly id?: string;
  readonly value?: JsonValue;
  readonly type: string;
  readonly binding: { readonly type: string; readonly name?: string };
  readonly condition?: { readonly property: string; readonly equals?: string; readonly oneOf?: readonly string[] };
}

/** Set `a.b.c` as nested objects, the way Zeebe applies an input mapping target. */
function setTarget(variables: JsonObject, target: string, value: JsonValue): void {
  const parts = target.split('.');
  let node = variables;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as JsonObject;
  node[parts[parts.length - 1]] = value;
}

/**
 * Build the variables a Modeler-drawn task hands to the job: every template input whose
 * condition holds, with the template default unless the test fills it in. A literal
 * (non-FEEL) number default arrives as text ("20"); booleans are written as FEEL (=false).
 */
function variablesFromTemplate(filled: Record<string, JsonValue>): JsonObject {
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as { properties: TemplateProperty[] };
  const byId = new Map<string, JsonValue>();
  for (const p of template.properties) if (p.id) byId.set(p.id, filled[p.id] ?? p.value ?? null);
  const variables: JsonObject = {};
  for (const p of template.properties) {
    if (p.binding.type !== 'zeebe:input' || !p.binding.name || !p.id) continue;
    const c = p.condition;
    if (c && !(c.equals !== undefined ? byId.get(c.property) === c.equals : (c.oneOf ?? []).includes(String(byId.get(c.property))))) continue;
    const value = filled[p.id] ?? p.value;
    if (value === undefined) continue;
    setTarget(variables, p.binding.name, typeof value === 'number' ? String(value) : value);
  }
  return variables;
}

let server: TestServer;
let t: TestRuntime;

beforeAll(async () => {
  const tls = createTlsFixture();
  server = await startTestServer(tls);
  server.route('/orders', (req, res) => json(res, 201, { order: { id: '123' }, got: JSON.parse(req.body), auth: req.headers.authorization }));
  t = await createTestRuntime({ ca: tls.caCert, allow: [`api.weft.test:${server.port}`], lookup: stubLookup({ 'api.weft.test': ['127.0.0.1'] }), env: { WEFT_SECRET_PW: 'pw-canary' } });
});

afterAll(async () => {
  await t.close();
  await server.close();
});

describe("Camunda Modeler's REST connector template", () => {
  it('a task filled in with the template runs unchanged', async () => {
    const variables = variablesFromTemplate({
      'authentication.type': 'basic',
      'authentication.username': 'modeler',
      'authentication.password': '{{secrets.PW}}',
      method: 'POST',
      url: `https://api.weft.test:${server.port}/orders`,
      headers: { 'X-Trace': 'abc' },
      queryParameters: { channel: 'web' },
      body: { item: 'book', qty: 2 },
    });
    // The template's own defaults are there, under their exact names.
    expect(variables).toMatchObject({ connectionTimeoutInSeconds: '20', readTimeoutInSeconds: '20', followRedirects: false, ignoreNullValues: false, documentReturnFormat: { choice: 'JSON' } });
    const outcome = await t.runtime.execute(job('io.camunda:http-json:1', variables, { elementTemplateId: 'io.camunda.connectors.HttpJson.v2', elementTemplateVersion: '17', resultExpression: '={ myResponseBody: response.body }' }));
    expect(outcome).toMatchObject({
      kind: 'success',
      response: { status: 201, reason: 'Created', body: { order: { id: '123' }, got: { item: 'book', qty: 2 }, auth: expect.stringMatching(/^Basic /) } },
    });
    expect(server.requests.at(-1)?.url).toBe('/orders?channel=web');
    expect(server.requests.at(-1)?.headers['x-trace']).toBe('abc');
    expect(JSON.stringify(outcome)).not.toContain(Buffer.from('modeler:pw-canary').toString('base64'));
  });
});
