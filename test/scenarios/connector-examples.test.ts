import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestServer } from '../connectors/support/test-server.js';
import type { TestServer } from '../connectors/support/test-server.js';
import { createTlsFixture } from '../connectors/support/tls-fixtures.js';

const run = promisify(execFile);
const weft = new URL('../../bin/weft', import.meta.url).pathname;
const examples = new URL('../../examples/', import.meta.url).pathname;
const WEATHER_TOKEN = 'canary-weather-7f3e9a1c55d2';
const HUBSPOT_TOKEN = 'canary-hubspot-b81d02e4c9aa';

let server: TestServer;
let dir: string;
let caPath: string;

beforeAll(async () => {
  const tls = createTlsFixture();
  server = await startTestServer(tls);
  dir = mkdtempSync(join(tmpdir(), 'weft-connector-examples-'));
  caPath = join(dir, 'ca.pem');
  writeFileSync(caPath, tls.caCert);
  server.route('/v1/forecast/berlin', (req, res) => {
    if (req.headers.authorization !== `Bearer ${WEATHER_TOKEN}`) return json(res, 401, { message: 'bad token' });
    return json(res, 200, { city: 'berlin', query: req.url.split('?')[1], current: { temperature: 3.5, conditions: 'snow' } });
  });
  server.route('/v1/forecast/atlantis', (_req, res) => json(res, 404, { message: 'no such city' }));
  server.route('/crm/v3/objects/contacts', (req, res) => {
    if (req.headers.authorization !== `Bearer ${HUBSPOT_TOKEN}`) return json(res, 401, { message: 'bad token' });
    const body = JSON.parse(req.body) as { properties: Record<string, string> };
    return json(res, 201, { id: '501', properties: body.properties });
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `weft run` with a database in `runDir`, trusting the test CA and exempting the local server only. */
async function weftRun(runDir: string, args: string[], env: Record<string, string>) {
  mkdirSync(runDir, { recursive: true });
  const childEnv = {
    PATH: process.env.PATH ?? '',
    NODE_EXTRA_CA_CERTS: caPath,
    WEFT_EGRESS_ALLOW: `localhost:${server.port}`,
    ...env,
  };
  const result = await run(weft, ['run', ...args, '--db', join(runDir, 'weft.db'), '--json', '--timeout', '20'], { env: childEnv }).catch(
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  return { code: 'code' in result ? result.code : 0, stdout: result.stdout, stderr: result.stderr, outcome: JSON.parse(result.stdout) };
}

/** Every byte of a database and its write-ahead log. */
function databaseBytes(runDir: string): Buffer {
  const path = join(runDir, 'weft.db');
  return Buffer.concat([readFileSync(path), ...(existsSync(`${path}-wal`) ? [readFileSync(`${path}-wal`)] : [])]);
}

describe('connector examples under weft run, against a local HTTPS server', () => {
  it('weather-rest: the Modeler-written REST connector task calls the API with the secret and maps the result', async () => {
    const runDir = join(dir, 'weather-ok');
    const variables = JSON.stringify({ baseUrl: `https://localhost:${server.port}`, city: 'berlin' });
    const { code, outcome, stdout, stderr } = await weftRun(runDir, [`${examples}weather-rest.bpmn`, '--variables', variables], {
      WEFT_SECRET_WEATHER_TOKEN: WEATHER_TOKEN,
    });
    expect(outcome.state).toBe('COMPLETED');
    expect(code).toBe(0);
    expect(outcome.variables).toMatchObject({ temperature: 3.5, conditions: 'snow' });
    const call = server.requests.find((r) => r.url.startsWith('/v1/forecast/berlin'))!;
    expect(call.url).toBe('/v1/forecast/berlin?units=metric');
    expect(call.headers.accept).toBe('application/json');
    // The canary secret reached the server, and nowhere else.
    for (const text of [stdout, stderr]) expect(text).not.toContain(WEATHER_TOKEN);
    expect(databaseBytes(runDir).includes(WEATHER_TOKEN)).toBe(false);
    // The test exemption is never silent.
    expect(stderr).toContain(`WEFT_EGRESS_ALLOW is set: connector calls to localhost:${server.port}`);
  });

  it('weather-rest: a 404 becomes the BPMN error CITY_UNKNOWN through the error expression, caught by the boundary event', async () => {
    const runDir = join(dir, 'weather-404');
    const variables = JSON.stringify({ baseUrl: `https://localhost:${server.port}`, city: 'atlantis' });
    const { code, outcome } = await weftRun(runDir, [`${examples}weather-rest.bpmn`, '--variables', variables], {
      WEFT_SECRET_WEATHER_TOKEN: WEATHER_TOKEN,
    });
    expect(outcome).toMatchObject({ state: 'COMPLETED', incidents: [] });
    expect(code).toBe(0);
    expect(outcome.variables.forecast).toEqual({ temperature: 12, conditions: 'unknown: climate average' });
    expect(outcome.variables).not.toHaveProperty('temperature');
  });

  it('weather-rest: a missing secret is an immediate incident naming it', async () => {
    const runDir = join(dir, 'weather-nosecret');
    const variables = JSON.stringify({ baseUrl: `https://localhost:${server.port}`, city: 'berlin' });
    const { code, outcome } = await weftRun(runDir, [`${examples}weather-rest.bpmn`, '--variables', variables], {});
    expect(code).toBe(1);
    expect(outcome.state).toBe('INCIDENT');
    expect(outcome.incidents[0]).toMatchObject({ elementId: 'FetchForecast', type: 'JOB_NO_RETRIES' });
    expect(outcome.incidents[0].message).toContain('secret WEATHER_TOKEN is not available');
  });

  it('crm-contact: the JSON connector creates the contact with the workspace credentials', async () => {
    const runDir = join(dir, 'crm');
    const connectors = join(runDir, 'connectors');
    mkdirSync(connectors, { recursive: true });
    const hubspot = JSON.parse(readFileSync(`${examples}connectors/hubspot.json`, 'utf8'));
    // The same definition, pointed at the local server (a definition's host is fixed by design).
    hubspot.actions = hubspot.actions.map((a: { url_template: string }) => ({
      ...a,
      url_template: a.url_template.replace('https://api.hubapi.com', `https://localhost:${server.port}`),
    }));
    hubspot.allowed_domains = [`localhost:${server.port}`];
    writeFileSync(join(connectors, 'hubspot.json'), JSON.stringify(hubspot));
    const credentials = join(runDir, 'credentials.json');
    writeFileSync(credentials, JSON.stringify({ hubspot: { enabled: true, config: { token: HUBSPOT_TOKEN } } }));
    const { code, outcome, stdout, stderr } = await weftRun(
      runDir,
      [`${examples}crm-contact.bpmn`, '--variables', `@${examples}crm-contact.variables.json`, '--connectors', connectors, '--credentials', credentials],
      {},
    );
    expect(outcome.state).toBe('COMPLETED');
    expect(code).toBe(0);
    expect(outcome.variables.contactId).toBe('501');
    const call = server.requests.find((r) => r.url === '/crm/v3/objects/contacts')!;
    expect(JSON.parse(call.body)).toEqual({ properties: { email: 'ada@example.com', firstname: 'Ada', lifecyclestage: 'lead' } });
    for (const text of [stdout, stderr]) expect(text).not.toContain(HUBSPOT_TOKEN);
    // Stored encrypted: the token's bytes appear nowhere in the database or its WAL.
    expect(databaseBytes(runDir).includes(HUBSPOT_TOKEN)).toBe(false);
  });
});
