import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestServer } from '../../connectors/support/test-server.js';
import type { TestServer } from '../../connectors/support/test-server.js';
import { createTlsFixture } from '../../connectors/support/tls-fixtures.js';
import { serveChild, weftBin, weftCli } from '../../support/weft-serve-child.js';
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

/** Run `weft serve` expecting it to refuse to start: its exit code and everything it printed. */
async function refusedServe(dataDir: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(weftBin, ['serve'], { env: { PATH: process.env.PATH ?? '', WEFT_PORT: '0', WEFT_DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output };
}

describe('weft serve as a process', () => {
  it('refuses to start when encrypted data exists and the master key is missing or wrong', async () => {
    const dataDir = join(dir, 'keyed');
    const admin = 'key-test-admin-4e1b';
    const first = await serve(dataDir, { WEFT_ADMIN_TOKEN: admin });
    const saved = await fetch(`${first.url}/workspaces/default/secrets/SOME_TOKEN`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: 'encrypted-at-rest' }),
    });
    expect(saved.status).toBe(204);
    expect(await first.stop('SIGTERM')).toBe(0);

    renameSync(join(dataDir, 'master.key'), join(dataDir, 'master.key.moved'));
    const missing = await refusedServe(dataDir, { WEFT_ADMIN_TOKEN: admin });
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('VAULT_KEY_MISSING');
    expect(missing.output).not.toContain('"url":"http');
    // Refusing did not make a new key that would orphan the stored secrets.
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);

    renameSync(join(dataDir, 'master.key.moved'), join(dataDir, 'master.key'));
    const wrong = await refusedServe(dataDir, { WEFT_ADMIN_TOKEN: admin, WEFT_MASTER_KEY: 'ab'.repeat(32) });
    expect(wrong.code).not.toBe(0);
    expect(wrong.output).toContain('VAULT_KEY_MISMATCH');
    expect(wrong.output).not.toContain('ab'.repeat(32));

    const again = await serve(dataDir, { WEFT_ADMIN_TOKEN: admin });
    const listed = await fetch(`${again.url}/workspaces/default/secrets`, { headers: { authorization: `Bearer ${admin}` } });
    expect(await listed.text()).toContain('SOME_TOKEN');
    expect(await again.stop('SIGTERM')).toBe(0);
  });


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
      // A careless API that refuses and echoes the credential it got: the error path must mask it.
      api.route('/v1/forecast/leaky', (req, res) => json(res, 401, { message: `refused ${String(req.headers.authorization)}` }));
      api.route('/crm/v3/objects/contacts', (req, res) =>
        req.headers.authorization === `Bearer ${HUBSPOT_CANARY}` ? json(res, 201, { id: '501' }) : json(res, 401, { message: 'bad token' }));
      const caPath = join(dir, 'ca.pem');
      writeFileSync(caPath, tls.caCert);
      const dataDir = join(dir, 'connectors');
      const admin = 'e2e-admin-token-8d2f61aa';
      const served = await serve(dataDir, { WEFT_ADMIN_TOKEN: admin, NODE_EXTRA_CA_CERTS: caPath, WEFT_EGRESS_ALLOW: `localhost:${api.port}` });
      expect(served.output()).toContain('WEFT_EGRESS_ALLOW');
      const env = { WEFT_URL: served.url, WEFT_TOKEN: admin };
      // Every CLI output, to be searched for the canaries at the end.
      const outputs: string[] = [];
      const cli = async (args: string[], cliEnv: Record<string, string>) => {
        const result = await weftCli(args, cliEnv);
        outputs.push(result.stdout, result.stderr);
        return result;
      };

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

      // The error path: 401 is retried (PT1S backoff), then an incident; the API echoed the token.
      const leaky = JSON.parse((await cli(['start', 'weather-rest', '--workspace', 'default', '--json', '--variables', JSON.stringify({ baseUrl: `https://localhost:${api.port}`, city: 'leaky' })], env)).stdout);
      const leakyDone = await settled(leaky.processInstanceKey);
      expect(leakyDone.hasIncident).toBe(true);
      await cli(['incidents', '--workspace', 'default'], env);
      await cli(['instance', leaky.processInstanceKey, '--workspace', 'default'], env);
      const get = async (path: string) => {
        const response = await fetch(`${served.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });
        expect(response.status, path).toBe(200);
        return response.text();
      };
      const incidents = await get('/workspaces/default/incidents');
      expect(incidents).toContain('401');
      const routes = [
        incidents,
        await get('/workspaces/default/jobs'),
        await get('/workspaces/default/process-instances'),
        await get('/workspaces/default/secrets'),
        await get('/workspaces/default/connectors/hubspot/credentials'),
        await get('/admin/connectors'),
      ];
      for (const key of [weather.processInstanceKey, crm.processInstanceKey, leaky.processInstanceKey]) {
        routes.push(await get(`/workspaces/default/process-instances/${key}`));
      }
      // The database and its write-ahead log while the server runs, and again after it stopped.
      const db = join(dataDir, 'weft.db');
      const files = () => Buffer.concat([readFileSync(db), ...(existsSync(`${db}-wal`) ? [readFileSync(`${db}-wal`)] : [])]);
      const live = files();

      expect(await served.stop('SIGTERM')).toBe(0);
      const texts = [served.output(), JSON.stringify(weatherDone), JSON.stringify(crmDone), JSON.stringify(leakyDone), human.stdout, metrics, ...outputs, ...routes];
      for (const canary of [WEATHER_CANARY, HUBSPOT_CANARY]) {
        for (const text of texts) expect(text).not.toContain(canary);
        expect(live.includes(canary)).toBe(false);
        expect(files().includes(canary)).toBe(false);
      }
      expect(served.output()).not.toContain(admin);
    } finally {
      await api.close();
    }
    // About fifteen CLI processes and a retried call with 1 s backoffs: ≈ 12 s here.
  }, 60_000);
});
