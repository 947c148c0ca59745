import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { serveChild, weftCli } from '../support/weft-serve-child.js';
import type { ServedChild } from '../support/weft-serve-child.js';

const shell = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'weft-readme-'));
let served: ServedChild | undefined;
afterAll(async () => {
  if (served?.child.exitCode === null) await served.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** The README's "Try it: a signed webhook" commands, as written there. */
function readmeCommands(): { serve: string; client: string[] } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Try it: a signed webhook'));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const client = blocks[1]!.replace(/\\\n\s*/g, '').split('\n').map((line) => line.replace(/\s+# .*$/, '').trim()).filter(Boolean);
  return { serve: blocks[0]!, client };
}

describe('the README walk-through, on a fresh data directory', () => {
  it('npm start prints a token; weft deploy examples; a signed curl starts an instance; weft instances and weft instance show it', async () => {
    const { serve, client } = readmeCommands();
    const secret = /WEFT_SECRET_ORDER_WEBHOOK_SECRET=(\S+)/.exec(serve)![1]!;
    served = await serveChild(dataDir, { WEFT_SECRET_ORDER_WEBHOOK_SECRET: secret });
    const token = /export WEFT_TOKEN=(weft_\S+)/.exec(served.output())![1]!;
    const env = { WEFT_URL: served.url, WEFT_TOKEN: token };

    // weft deploy examples/*.bpmn --org default
    const deploy = client.find((line) => line.startsWith('./bin/weft deploy'))!;
    await shell('bash', ['-c', deploy], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });

    // BODY=…; SIG=$(… openssl …); curl … — run exactly as written, against this server.
    const start = client.findIndex((line) => line.startsWith('BODY='));
    const curl = client.slice(start, start + 3).join('\n').replace('http://127.0.0.1:8080', served.url);
    const answer = JSON.parse((await shell('bash', ['-c', curl], { cwd: root })).stdout) as { processInstanceKey: string; bpmnProcessId: string };
    expect(answer.bpmnProcessId).toBe('order-webhook');

    const forged = await fetch(`${served.url}/inbound/new-order`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': 'sha256=00' },
      body: '{"orderId": "A-2", "total": 1}',
    });
    expect(forged.status).toBe(401);

    const listed = JSON.parse((await weftCli(['instances', '--workspace', 'default', '--json'], env)).stdout) as unknown;
    const items = (Array.isArray(listed) ? listed : (listed as { items: unknown[] }).items) as { key?: string; processInstanceKey?: string; bpmnProcessId: string; state: string }[];
    const mine = items.filter((i) => i.bpmnProcessId === 'order-webhook');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.state).toBe('ACTIVE');

    const shown = (await weftCli(['instance', answer.processInstanceKey, '--workspace', 'default'], env)).stdout;
    expect(shown).toContain('PackOrder');
    expect(shown).toContain('order A-1 received, total 42');
    expect(await served.stop('SIGTERM')).toBe(0);
  });
});
