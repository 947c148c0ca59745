import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer } from './support/webhook-server.js';
import type { WebhookServer } from './support/webhook-server.js';
import { webhookStartProcess } from './support/webhook-bpmn.js';

const run = promisify(execFile);
const guide = readFileSync(new URL('../../../docs/webhooks.md', import.meta.url), 'utf8');
const KEY = 'docs-example-key';

let s: WebhookServer;
beforeAll(async () => {
  s = await startWebhookServer({ env: { WEFT_SECRET_GITHUB_HOOK: KEY } });
  await s.deploy(webhookStartProcess('github-prs', {
    'inbound.context': 'github-prs',
    'inbound.shouldValidateHmac': 'enabled',
    'inbound.hmacSecret': '{{secrets.GITHUB_HOOK}}',
    'inbound.hmacHeader': 'X-Hub-Signature-256',
    'inbound.hmacAlgorithm': 'sha_256',
    resultExpression: '={action: request.body.action}',
  }));
});
afterAll(async () => s?.close());

describe('docs/webhooks.md', () => {
  it('the curl + openssl example signs a request the server accepts', async () => {
    const block = /```sh\n(BODY=[\s\S]*?)```/.exec(guide)?.[1];
    expect(block).toBeDefined();
    const script = block!.replace('http://localhost:8080', s.base);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { env: { PATH: process.env.PATH ?? '', WEFT_SECRET_GITHUB_HOOK: KEY } });
    const answer = JSON.parse(stdout) as { processInstanceKey: string };
    expect((await s.outcome(answer.processInstanceKey)).variables).toEqual({ action: 'opened' });
    // The same script with another key is refused.
    const refused = await run('bash', ['-euo', 'pipefail', '-c', script], { env: { PATH: process.env.PATH ?? '', WEFT_SECRET_GITHUB_HOOK: 'wrong' } });
    expect(JSON.parse(refused.stdout).error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });
});
