import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestServer } from '../../connectors/support/test-server.js';
import type { TestServer } from '../../connectors/support/test-server.js';
import { createTlsFixture } from '../../connectors/support/tls-fixtures.js';
import { serveChild, weftCli } from '../../support/weft-serve-child.js';
import type { ServedChild } from '../../support/weft-serve-child.js';

const examples = new URL('../../../examples/', import.meta.url).pathname;
const WEATHER_CANARY = 'canary-weather-e2e-0f9a7c';
const HUBSPOT_CANARY = 'canary-hubspot-e2e-61b2d8';

type Served = ServedChild;

const children: ChildProcess[] = [];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'weft-serve-'));
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.pid !== undefined) child.kill('SIGKILL');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const serve = async (dataDir: string, env: Record<string, string> = {}): Promise<Served> => {
  const served = await serveChild(dataDir, env);
  children.push(served.child);
  return served;
};
const cli = weftCli;

describe('weft serve as a process', () => {
  it('prints the admin token once on an empty data directory, and exits 0 on SIGTERM and SIGINT after draining', async () => {
    const dataDir = join(dir, 'fresh');
    const first = await serve(dataDir);
    const token = /export WEFT_TOKEN=(weft_\S+)/.exec(first.output())![1]!;
    expect(first.output().match(/shown only this once/g)).toHaveLength(1);
    expect(await (await fetch(`${first.url}/health`)).json()).toEqual({ status: 'ok', database: 'ok' });
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');
    // Only the hash is stored.
    expect(readFileSync(join(dataDir, 'weft.db')).includes(token)).toBe(false);

    const second = await serve(dataDir);
    expect(second.output()).not.toContain('shown only this once');
    const orgs = await fetch(`${second.url}/admin/orgs`, { headers: { authorization: `Bearer ${token}` } });
    expect(orgs.status).toBe(200);
    expect(await second.stop('SIGINT')).toBe(0);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(true);
  });

  it('runs connectors end to end through the API and the CLI; canaries reach the API under test and nowhere else', async () => {
    const tls = createTlsFixture();
    const api: TestServer = await startTestServer(tls);
    try {
      api.route('/v1/forecast/berlin', (req, res) =>
        req.headers.authorization === `Bearer ${WEATHER_CANARY}` ? json(res, 200, { current: { temperature: 3.5, conditions: 'snow' } }) : json(res, 401, { message: 'bad token' }));
      api.route('/crm/v3/objects/contacts', (req, res) =>
        req.headers.authorization === `Bearer ${HUBSPOT_CANARY}` ? json(res, 201, { id: '501' }) : json(res, 401, { message: 'bad token' }));
      const caPath = join(dir, 'ca.pem');
      writeFileSync(caPath, tls.caCert);
      const dataDir = join(dir, 'connectors');
      const admin = 'e2e-admin-token-8d2f61aa';
      const served = await serve(dataDir, { WEFT_ADMIN_TOKEN: admin, NODE_EXTRA_CA_CERTS: caPath, WEFT_EGRESS_ALLOW: `localhost:${api.port}` });
      expect(served.output()).toContain('WEFT_EGRESS_ALLOW');
      const env = { WEFT_URL: served.url, WEFT_TOKEN: admin };

      const hubspot = JSON.parse(readFileSync(`${examples}connectors/hubspot.json`, 'utf8'));
      hubspot.actions = hubspot.actions.map((a: { url_template: string }) => ({ ...a, url_template: a.url_template.replace('https://api.hubapi.com', `https://localhost:${api.port}`) }));
      hubspot.allowed_domains = [`localhost:${api.port}`];
      writeFileSync(join(dir, 'hubspot.json'), JSON.stringify(hubspot));
      await cli(['connectors', 'add', join(dir, 'hubspot.json')], env);
      await cli(['credentials', 'set', 'hubspot', '--config', JSON.stringify({ token: HUBSPOT_CANARY }), '--workspace', 'default'], env);
      const secret = await fetch(`${served.url}/workspaces/default/secrets/WEATHER_TOKEN`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ value: WEATHER_CANARY }),
      });
      expect(secret.status).toBe(204);
      await cli(['deploy', `${examples}weather-rest.bpmn`, `${examples}crm-contact.bpmn`, '--org', 'default'], env);
      const weather = JSON.parse((await cli(['start', 'weather-rest', '--workspace', 'default', '--json', '--variables', JSON.stringify({ baseUrl: `https://localhost:${api.port}`, city: 'berlin' })], env)).stdout);
      const crm = JSON.parse((await cli(['start', 'crm-contact', '--workspace', 'default', '--json', '--variables', `@${examples}crm-contact.variables.json`], env)).stdout);

      const settled = async (key: string) => {
        for (let i = 0; i < 100; i++) {
          const detail = JSON.parse((await cli(['instance', key, '--workspace', 'default', '--json'], env)).stdout);
          if (detail.state !== 'ACTIVE' || detail.hasIncident) return detail;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`instance ${key} did not settle`);
      };
      const weatherDone = await settled(weather.processInstanceKey);
      const crmDone = await settled(crm.processInstanceKey);
      expect(weatherDone.state).toBe('COMPLETED');
      expect(weatherDone.variables[0].variables).toMatchObject({ temperature: 3.5, conditions: 'snow' });
      expect(crmDone.state).toBe('COMPLETED');
      expect(crmDone.variables[0].variables.contactId).toBe('501');
      const call = crmDone.history.find((h: { type: string }) => h.type === 'CONNECTOR_CALL');
      expect(call.data).toMatchObject({ jobType: 'connector:hubspot', method: 'POST', status: 201 });

      const human = await cli(['instance', crm.processInstanceKey, '--workspace', 'default'], env);
      expect(human.stdout).toMatch(/CONNECTOR_CALL CreateContact POST https:\/\/localhost:\d+\/crm\/v3\/objects\/contacts → 201/);
      const metrics = await (await fetch(`${served.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } })).text();
      expect(metrics).toMatch(/weft_connector_call_duration_seconds_count\{connector="connector:hubspot"\} 1/);
      expect(metrics).toMatch(/weft_connector_call_duration_seconds_count\{connector="io.camunda:http-json:1"\} 1/);
      expect(metrics).toMatch(/weft_process_instances_completed_total 2/);

      expect(await served.stop('SIGTERM')).toBe(0);
      const texts = [served.output(), JSON.stringify(weatherDone), JSON.stringify(crmDone), human.stdout, metrics];
      const db = join(dataDir, 'weft.db');
      const bytes = Buffer.concat([readFileSync(db), ...(existsSync(`${db}-wal`) ? [readFileSync(`${db}-wal`)] : [])]);
      for (const canary of [WEATHER_CANARY, HUBSPOT_CANARY]) {
        for (const text of texts) expect(text).not.toContain(canary);
        expect(bytes.includes(canary)).toBe(false);
      }
      expect(served.output()).not.toContain(admin);
    } finally {
      await api.close();
    }
  });
});
