import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startApiServer } from '../support/api-server.js';
import type { ApiServer } from '../support/api-server.js';
import { weft } from '../support/cli-runner.js';
import { gatewayProcess, waitingProcess } from '../support/tenants.js';

const examples = new URL('../../../examples/', import.meta.url).pathname;

let t: ApiServer;
let env: Record<string, string>;
let workspaceEnv: Record<string, string>;

beforeAll(async () => {
  t = await startApiServer();
  env = { WEFT_URL: t.url, WEFT_TOKEN: ADMIN_TOKEN };
  const created = await weft(['token', 'create', '--role', 'workspace', '--workspace', 'default', '--json'], env);
  workspaceEnv = { WEFT_URL: t.url, WEFT_TOKEN: JSON.parse(created.stdout).token };
  writeFileSync(join(t.dir, 'waiting.bpmn'), waitingProcess('waiting'));
  writeFileSync(join(t.dir, 'gateway.bpmn'), gatewayProcess('gateway'));
});

afterAll(async () => {
  await t?.close();
});

describe('weft deploy, start, instances, instance', () => {
  it('deploys examples into the token-less org given with --org, and prints a table', async () => {
    const run = await weft(['deploy', `${examples}order-approval.bpmn`, join(t.dir, 'waiting.bpmn'), join(t.dir, 'gateway.bpmn'), '--org', 'default'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/order-approval\s+1\s+yes/);
    expect(run.stdout).toMatch(/waiting\s+1\s+yes/);
  });

  it('refuses an invalid file, listing each problem with file and line, exit 2', async () => {
    const file = join(t.dir, 'broken.bpmn');
    writeFileSync(file, waitingProcess('broken').replace('targetRef="End"', 'targetRef="Nowhere"'));
    const run = await weft(['deploy', file, '--org', 'default'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nothing was deployed; \d+ problem/);
    expect(run.stderr).toMatch(/broken\.bpmn:\d+:\d+: BPMN_/);
  });

  it('starts with variables from a file, in the token\'s own workspace', async () => {
    const run = await weft(['start', 'order-approval', '--variables', `@${examples}order-approval.variables.json`, '--json'], workspaceEnv);
    expect(run.code).toBe(0);
    const created = JSON.parse(run.stdout);
    expect(created).toMatchObject({ bpmnProcessId: 'order-approval', version: 1, workspaceId: 'default' });
    const shown = await weft(['instance', created.processInstanceKey], workspaceEnv);
    expect(shown.stdout).toContain(`instance ${created.processInstanceKey}: order-approval v1 in workspace default`);
    expect(shown.stdout).toContain('state:   COMPLETED');
    expect(shown.stdout).toContain('decision = "approved"');
    expect(shown.stdout).toContain('PROCESS_INSTANCE_COMPLETED');
  });

  it('lists instances as a table, filters by state, and prints JSON for scripts', async () => {
    await weft(['start', 'waiting'], workspaceEnv);
    const table = await weft(['instances'], workspaceEnv);
    expect(table.stdout.split('\n')[0]).toMatch(/^KEY\s+PROCESS\s+VERSION\s+STATE\s+STARTED\s+ENDED$/);
    expect(table.stdout).toMatch(/waiting\s+1\s+ACTIVE/);
    const active = JSON.parse((await weft(['instances', '--state', 'active', '--json'], workspaceEnv)).stdout);
    expect(active.items.every((i: { state: string }) => i.state === 'ACTIVE')).toBe(true);
    expect(active.items.length).toBeGreaterThan(0);
  });

  it('needs a workspace for tokens that have none', async () => {
    const run = await weft(['instances'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give --workspace');
    expect((await weft(['instances', '--workspace', 'default'], env)).code).toBe(0);
  });
});

describe('weft incidents, resolve, cancel', () => {
  it('finds the incident, resolves it with variables, and the instance completes', async () => {
    const started = JSON.parse((await weft(['start', 'gateway', '--variables', '{"amount": 1}', '--json'], workspaceEnv)).stdout);
    const listed = await weft(['incidents'], workspaceEnv);
    expect(listed.stdout).toMatch(/CONDITION_ERROR/);
    const incident = JSON.parse((await weft(['incidents', '--instance', started.processInstanceKey, '--json'], workspaceEnv)).stdout).items[0];
    const resolved = await weft(['resolve', incident.incidentKey, '--variables', '{"amount": 11}'], workspaceEnv);
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(`incident ${incident.incidentKey} resolved`);
    const after = JSON.parse((await weft(['instance', started.processInstanceKey, '--json'], workspaceEnv)).stdout);
    expect(after.state).toBe('COMPLETED');
    const again = await weft(['resolve', incident.incidentKey], workspaceEnv);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('INCIDENT_NOT_FOUND');
  });

  it('cancels an active instance once; the second time fails with exit 1', async () => {
    const started = JSON.parse((await weft(['start', 'waiting', '--json'], workspaceEnv)).stdout);
    const cancelled = await weft(['cancel', started.processInstanceKey], workspaceEnv);
    expect([cancelled.code, cancelled.stdout]).toEqual([0, `instance ${started.processInstanceKey} is TERMINATED\n`]);
    const again = await weft(['cancel', started.processInstanceKey], workspaceEnv);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('PROCESS_INSTANCE_NOT_ACTIVE');
  });

  it('reports usage mistakes with exit 2 and an unreachable server with exit 1', async () => {
    expect((await weft(['resolve'], workspaceEnv)).code).toBe(2);
    expect((await weft(['cancel', 'abc'], workspaceEnv)).code).toBe(2);
    expect((await weft(['start', 'x', '--variables', '[1]'], workspaceEnv)).code).toBe(2);
    expect((await weft(['instances', '--bogus'], workspaceEnv)).code).toBe(2);
    const noToken = await weft(['instances'], { WEFT_URL: t.url });
    expect([noToken.code, noToken.stderr]).toEqual([2, expect.stringContaining('set WEFT_TOKEN')]);
    const down = await weft(['instances', '--workspace', 'default'], { WEFT_URL: 'http://127.0.0.1:9', WEFT_TOKEN: ADMIN_TOKEN });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('SERVER_UNREACHABLE');
    const wrong = await weft(['instances', '--workspace', 'default'], { WEFT_URL: t.url, WEFT_TOKEN: 'weft_not-a-real-token-at-all' });
    expect([wrong.code, wrong.stderr]).toEqual([1, expect.stringContaining('UNAUTHENTICATED')]);
    const help = await weft(['deploy', '--help'], {});
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('weft deploy FILE.bpmn…')]);
  });
});
